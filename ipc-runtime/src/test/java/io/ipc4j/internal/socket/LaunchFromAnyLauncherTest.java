package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code launchRenderer} from a host JVM started the ways users start one: on the module path with a main module,
 * and the way {@code mvn exec:java} does, with the application in a class loader of its own and only a launcher on
 * {@code java.class.path}. Each host is a JVM of its own; it prints what its renderer reports.
 */
class LaunchFromAnyLauncherTest {
  private static final String HOST = """
      package launch.fixture;

      import io.ipc4j.IpcHost;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.TimeUnit;

      public final class Host {
        public static void main(String[] args) throws Exception {
          try (IpcHost host = IpcHost.builder().jvmOptions("-XX:TieredStopAtLevel=1").overSockets()) {
            CompletableFuture<Object> where = new CompletableFuture<>();
            host.ipcMain().on("where", (event, a) -> where.complete(a[0]));
            host.launchRenderer(Renderer.class);
            System.out.println("renderer in " + where.get(30, TimeUnit.SECONDS));
          }
        }
      }
      """;
  private static final String RENDERER = """
      package launch.fixture;

      import io.ipc4j.IpcRenderer;

      public final class Renderer {
        public static void main(String[] args) throws Exception {
          IpcRenderer ipc = IpcRenderer.connect();
          ipc.send("where", String.valueOf(Renderer.class.getModule()));
          Thread.sleep(60_000);
        }
      }
      """;
  private static final String MODULE = """
      module launch.fixture {
        requires io.ipc4j.runtime;
      }
      """;
  /** What {@code mvn exec:java} does: the application's files in a loader of their own, then its main. */
  private static final String LOADER = """
      package launch.loader;

      import java.io.File;
      import java.net.URL;
      import java.net.URLClassLoader;
      import java.nio.file.Path;

      public final class Loader {
        public static void main(String[] args) throws Exception {
          String[] files = args[0].split(File.pathSeparator);
          URL[] urls = new URL[files.length];
          for (int i = 0; i < files.length; i++) {
            urls[i] = Path.of(files[i]).toUri().toURL();
          }
          ClassLoader app = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
          Thread.currentThread().setContextClassLoader(app);
          app.loadClass(args[1]).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        }
      }
      """;

  @TempDir static Path work;
  private static Path runtime;
  private static Path fixture;
  private static Path loader;

  @BeforeAll
  static void compileFixtures() throws Exception {
    runtime = Path.of(IpcHost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    fixture = compile("fixture", List.of("--module-path", runtime.toString()),
        "module-info.java", MODULE, "launch/fixture/Host.java", HOST, "launch/fixture/Renderer.java", RENDERER);
    loader = compile("loader", List.of(), "launch/loader/Loader.java", LOADER);
  }

  private static Path compile(String name, List<String> options, String... files) throws IOException {
    Path sources = work.resolve(name + "-src");
    Path out = work.resolve(name);
    List<String> args = new ArrayList<>(options);
    args.addAll(List.of("--release", "17", "-d", out.toString()));
    for (int i = 0; i < files.length; i += 2) {
      Path file = sources.resolve(files[i]);
      Files.createDirectories(file.getParent());
      Files.writeString(file, files[i + 1]);
      args.add(file.toString());
    }
    ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
    assertThat(javac.run(System.out, System.err, args.toArray(String[]::new))).isEqualTo(0);
    return out;
  }

  /** Runs a host JVM to its end and returns what it printed. */
  private static String runHost(String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1"));
    command.addAll(List.of(options));
    Process host = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(host.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(host.exitValue()).isEqualTo(0);
    return out;
  }

  @Test
  void aHostOnTheModulePathLaunchesItsRendererInItsOwnModule() throws Exception {
    String out = runHost("-p", runtime + File.pathSeparator + fixture, "-m", "launch.fixture/launch.fixture.Host");
    assertThat(out).contains("renderer in module launch.fixture");
  }

  @Test
  void aHostWhoseClassesComeFromAClassLoaderOfItsOwnGivesTheRendererThatLoadersFiles() throws Exception {
    String out = runHost("-cp", loader.toString(), "launch.loader.Loader",
        runtime + File.pathSeparator + fixture, "launch.fixture.Host");
    assertThat(out).contains("renderer in unnamed module");
  }
}
