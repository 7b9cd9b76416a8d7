package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.WebContents;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IpcHost.Builder#classDataSharing}: renderers launch with it, whether the archive is being written, is
 * there to map, is damaged, or cannot be written at all. The renderer's main class is loaded from a jar (the test
 * class path has directories, which the JVM cannot archive), so that the archive is really written and used.
 */
class ClassDataSharingLaunchTest {
  private static final long WAIT_SECONDS = 120;

  @TempDir Path temp;
  private URLClassLoader jarLoader;
  private Class<?> adder;

  /** A jar of the runtime's classes and the test's child mains, and {@code Adder} loaded from it alone. */
  @BeforeEach
  void loadTheRendererFromAJar() throws Exception {
    Path jar = temp.resolve("renderer.jar");
    Path runtime = Path.of(IpcHost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path tests = Path.of(ChildMains.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      add(out, runtime, path -> !path.endsWith("module-info.class"));
      add(out, tests, path -> path.getFileName().toString().startsWith("ChildMains"));
    }
    jarLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    adder = jarLoader.loadClass(ChildMains.Adder.class.getName());
  }

  @AfterEach
  void closeLoader() throws Exception {
    jarLoader.close();
  }

  private static void add(JarOutputStream out, Path root, java.util.function.Predicate<Path> keep) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).filter(keep).toList()) {
        out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
        try (InputStream in = Files.newInputStream(file)) {
          in.transferTo(out);
        }
      }
    }
  }

  /** What the renderers report on "result", in order. */
  private final BlockingQueue<Object> results = new LinkedBlockingQueue<>();

  /** A host that shares class data through {@code cache}, answers "add" and collects what renderers report. */
  private IpcHost host(Path cache) {
    IpcHost host = IpcHost.builder().classDataSharing(cache).jvmOptions("-XX:TieredStopAtLevel=1")
        .shutdownGrace(Duration.ofSeconds(WAIT_SECONDS)).overSockets();
    host.ipcMain().handle("add", (event, args) -> (Integer) args[0] + (Integer) args[1]);
    host.ipcMain().on("result", (event, args) -> results.add(args[0]));
    return host;
  }

  /** Launches {@code Adder}, checks that it called, and returns its JVM's command line. */
  private List<String> launchAndCall(IpcHost host) throws Exception {
    WebContents child = host.launchRenderer(adder);
    assertThat(results.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(5);
    List<String> command = ProcessHandle.of(child.osProcessId()).flatMap(p -> p.info().arguments())
        .map(List::of).orElse(List.of());
    child.close();
    return command;
  }

  private static Optional<Path> archive(Path cache) throws Exception {
    if (!Files.isDirectory(cache)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(f -> f.toString().endsWith(".jsa")).findFirst();
    }
  }

  private static Path awaitArchive(Path cache) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      Optional<Path> archive = archive(cache);
      if (archive.isPresent()) {
        return archive.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no archive was written within " + WAIT_SECONDS + " s");
  }

  private static boolean maps(List<String> command) {
    return command.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
  }

  @Test
  void aRendererWritesTheArchiveAsItExitsAndTheNextOneMapsIt() throws Exception {
    Path cache = temp.resolve("cache");
    try (IpcHost host = host(cache)) {
      assertThat(maps(launchAndCall(host))).isFalse();
      Path archive = awaitArchive(cache);
      assertThat(launchAndCall(host)).contains("-XX:SharedArchiveFile=" + archive);
    }
  }

  @Test
  void closingTheHostReturnsOnlyOnceTheArchiveIsKept() throws Exception {
    Path cache = temp.resolve("cache");
    try (IpcHost host = host(cache)) {
      launchAndCall(host);
    }
    // The child wrote its archive as it exited, and the host moves it into place then: close() waits for that, so
    // nothing writes to the cache directory once it has returned (it used to, and the directory could not be deleted).
    assertThat(archive(cache)).isPresent();
    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".tmp")).toList()).isEmpty();
    }
  }

  @Test
  void aRendererLaunchesBesideADamagedArchiveWithoutMappingIt() throws Exception {
    Path cache = temp.resolve("cache");
    try (IpcHost host = host(cache)) {
      launchAndCall(host);
      Path archive = awaitArchive(cache);
      byte[] bytes = Files.readAllBytes(archive);
      Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 3));
      assertThat(maps(launchAndCall(host))).isFalse();
    }
  }

  @Test
  void aRendererLaunchesWhenTheCacheDirectoryCannotBeWritten() throws Exception {
    Path notADirectory = Files.writeString(temp.resolve("file"), "x");
    try (IpcHost host = host(notADirectory.resolve("cache"))) {
      assertThat(maps(launchAndCall(host))).isFalse();
      assertThat(maps(launchAndCall(host))).isFalse();
    }
  }
}
