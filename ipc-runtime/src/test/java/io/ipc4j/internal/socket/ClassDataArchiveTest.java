package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class-data sharing for renderer JVMs: written once, then used; anything wrong makes a launch go without it. */
class ClassDataArchiveTest {
  private static final String PROBE = Probe.class.getName();

  /** The child JVM these tests start from a jar. */
  public static final class Probe {
    public static void main(String[] args) {
      System.out.println("probe ran");
    }
  }

  @TempDir Path temp;

  /** A jar holding only {@link Probe}. */
  private Path probeJar() throws Exception {
    Path jar = temp.resolve("probe.jar");
    String entry = PROBE.replace('.', '/') + ".class";
    try (InputStream in = Probe.class.getClassLoader().getResourceAsStream(entry);
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
    }
    return jar;
  }

  private static JavaCommand.Facts facts(String classPath) {
    return new JavaCommand.Facts(Path.of(System.getProperty("java.home"), "bin", "java").toString(), classPath,
        null, null, Set.of());
  }

  /** Runs the probe with the launch's options, as the launcher would, and returns its exit value. */
  private static int run(JavaCommand.Facts facts, ClassDataArchive.Use use) throws Exception {
    List<String> command = new ArrayList<>(List.of(facts.java()));
    command.addAll(use.options());
    command.addAll(List.of("-cp", facts.classPath(), PROBE));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("probe ran");
    return process.exitValue();
  }

  private static Path onlyArchive(Path directory) throws Exception {
    try (var files = Files.list(directory)) {
      List<Path> archives = files.filter(f -> f.toString().endsWith(".jsa")).toList();
      assertThat(archives).hasSize(1);
      return archives.get(0);
    }
  }

  @Test
  void theFirstLaunchWritesTheArchiveAndLaterLaunchesMapIt() throws Exception {
    JavaCommand.Facts facts = facts(probeJar().toString());
    Path cache = temp.resolve("cache");
    ClassDataArchive archive = new ClassDataArchive(cache);
    ClassDataArchive.Use first = archive.forLaunch(facts, List.of());
    assertThat(String.join(" ", first.options())).contains("-XX:ArchiveClassesAtExit=");
    assertThat(archive.forLaunch(facts, List.of()).options()).isEmpty(); // one writer at a time
    archive.exited(first, run(facts, first));
    Path written = onlyArchive(cache);
    ClassDataArchive.Use second = archive.forLaunch(facts, List.of());
    assertThat(second.options()).contains("-XX:SharedArchiveFile=" + written);
    assertThat(run(facts, second)).isEqualTo(0);
    // Another host finds the archive too.
    assertThat(new ClassDataArchive(cache).forLaunch(facts, List.of()).options())
        .contains("-XX:SharedArchiveFile=" + written);
  }

  @Test
  void aDamagedArchiveIsNeverGivenToAJvmAndIsWrittenAgain() throws Exception {
    JavaCommand.Facts facts = facts(probeJar().toString());
    Path cache = temp.resolve("cache");
    ClassDataArchive archive = new ClassDataArchive(cache);
    ClassDataArchive.Use first = archive.forLaunch(facts, List.of());
    archive.exited(first, run(facts, first));
    Path written = onlyArchive(cache);
    byte[] bytes = Files.readAllBytes(written);
    Files.write(written, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated: a JDK 17 JVM would crash
    ClassDataArchive.Use afterDamage = new ClassDataArchive(cache).forLaunch(facts, List.of());
    assertThat(String.join(" ", afterDamage.options())).doesNotContain("SharedArchiveFile");
    assertThat(run(facts, afterDamage)).isEqualTo(0);
  }

  @Test
  void aChildThatDoesNotExitCleanlyLeavesNoArchive() throws Exception {
    JavaCommand.Facts facts = facts(probeJar().toString());
    Path cache = temp.resolve("cache");
    ClassDataArchive archive = new ClassDataArchive(cache);
    ClassDataArchive.Use first = archive.forLaunch(facts, List.of());
    Files.writeString(first.pending(), "half an archive");
    archive.exited(first, 137);
    try (var files = Files.list(cache)) {
      assertThat(files.toList()).isEmpty();
    }
    assertThat(String.join(" ", archive.forLaunch(facts, List.of()).options())).contains("ArchiveClassesAtExit");
  }

  @Test
  void anUnwritableCacheDirectoryMeansNoSharing() throws Exception {
    Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
    ClassDataArchive archive = new ClassDataArchive(file.resolve("cache"));
    assertThat(archive.forLaunch(facts(probeJar().toString()), List.of())).isEqualTo(ClassDataArchive.Use.NONE);
  }

  @Test
  void classPathsWithDirectoriesAndOptionsThatChooseAnArchiveAreLeftAlone() throws Exception {
    String jar = probeJar().toString();
    assertThat(ClassDataArchive.unsupported(facts(jar), List.of("-Xmx64m"))).isNull();
    assertThat(ClassDataArchive.unsupported(facts(jar + java.io.File.pathSeparator + temp), List.of()))
        .contains("directory");
    assertThat(ClassDataArchive.unsupported(facts(jar), List.of("-Xshare:off"))).contains("-Xshare:off");
    assertThat(ClassDataArchive.unsupported(facts(jar), List.of("-XX:SharedArchiveFile=x.jsa"))).isNotNull();
    assertThat(new ClassDataArchive(temp.resolve("cache")).forLaunch(facts(temp.toString()), List.of()))
        .isEqualTo(ClassDataArchive.Use.NONE);
  }

  @Test
  void theArchiveIsKeyedByTheJarsAndTheOptions() throws Exception {
    Path jar = probeJar();
    String before = ClassDataArchive.key(facts(jar.toString()), List.of());
    assertThat(ClassDataArchive.key(facts(jar.toString()), List.of())).isEqualTo(before);
    assertThat(ClassDataArchive.key(facts(jar.toString()), List.of("-Xmx64m"))).isNotEqualTo(before);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 10_000));
    assertThat(ClassDataArchive.key(facts(jar.toString()), List.of())).isNotEqualTo(before);
  }
}
