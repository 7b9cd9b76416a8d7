package io.ipc4j.internal.socket;

import io.ipc4j.internal.Log;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;

/**
 * Class-data sharing for renderer JVMs: an archive of the classes a renderer loads, in a cache directory, one per
 * JDK, class path and JVM options. The first launch writes it when its JVM exits ({@code -XX:ArchiveClassesAtExit},
 * into a file of its own, moved into place only after a clean exit); later launches map it
 * ({@code -XX:SharedArchiveFile}) instead of loading and verifying those classes again. Anything wrong only makes a
 * launch go without it, logged at FINE: a directory that cannot be written, a class path with a directory in it
 * (the JVM archives classes from jar files only, and fails its exit otherwise), options that already choose an
 * archive, or an archive whose checksum no longer matches (a damaged archive can crash a JDK 17 JVM as it starts,
 * so each is checked before its first use by this host).
 */
final class ClassDataArchive {
  private static final System.Logger LOG = Log.IPC4J;
  /** Keeps the JVM quiet about an archive it cannot use: it then starts without it, as it would anyway. */
  private static final String QUIET = "-Xlog:cds*=off";

  private final Path directory;
  private final AtomicBoolean writing = new AtomicBoolean();
  /** The archive this host last checked, as {@code path|size|modified}; later launches skip the checksum. */
  private volatile String checked = "";

  ClassDataArchive(Path directory) {
    this.directory = directory;
  }

  /** The options one launch adds, and the file it writes the archive to, if it does. */
  record Use(List<String> options, Path pending) {
    static final Use NONE = new Use(List.of(), null);
  }

  /**
   * The options for a child JVM of this command line; the caller calls {@link #exited} when it ends.
   *
   * @param facts what the child sees
   * @param jvmOptions the builder's JVM options
   */
  Use forLaunch(JavaCommand.Facts facts, List<String> jvmOptions) {
    try {
      String reason = unsupported(facts, jvmOptions);
      if (reason != null) {
        LOG.log(Level.DEBUG, "ipc4j: renderer JVMs start without class-data sharing: {0}", reason);
        return Use.NONE;
      }
      Files.createDirectories(directory);
      Path archive = directory.resolve("renderer-" + key(facts, jvmOptions) + ".jsa");
      if (Files.isRegularFile(archive)) {
        if (intact(archive)) {
          return new Use(List.of(QUIET, "-XX:SharedArchiveFile=" + archive), null);
        }
        LOG.log(Level.DEBUG, "ipc4j: the class-data archive {0} is damaged; writing it again", archive);
        Files.deleteIfExists(archive);
      }
      if (!writing.compareAndSet(false, true)) {
        return Use.NONE; // another renderer of this host is writing it
      }
      Path pending = directory.resolve(archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
      Files.createFile(pending); // proves the directory writable: a JVM that cannot write its archive fails to exit
      return new Use(List.of(QUIET, "-XX:ArchiveClassesAtExit=" + pending), pending);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "ipc4j: renderer JVMs start without class-data sharing: {0}", e.toString());
      return Use.NONE;
    }
  }

  /** After a child of {@code use} exited: keeps the archive it wrote if it exited cleanly, else deletes it. */
  void exited(Use use, int exitValue) {
    if (use.pending() == null) {
      return;
    }
    String name = use.pending().getFileName().toString();
    Path archive = use.pending().resolveSibling(name.substring(0, name.indexOf(".jsa") + 4));
    try {
      if (exitValue == 0 && Files.size(use.pending()) > 0) {
        Files.writeString(checksumFile(archive), Long.toString(checksum(use.pending())), StandardCharsets.UTF_8);
        Files.move(use.pending(), archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "ipc4j: could not keep the class-data archive {0}: {1}", archive, e.toString());
    } finally {
      try {
        Files.deleteIfExists(use.pending());
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "ipc4j: could not delete {0}: {1}", use.pending(), e.toString());
      }
      writing.set(false);
    }
  }

  /** Why this command line cannot share class data, or null. */
  static String unsupported(JavaCommand.Facts facts, List<String> jvmOptions) {
    for (String option : jvmOptions) {
      if (option.startsWith("-XX:SharedArchiveFile") || option.startsWith("-XX:ArchiveClassesAtExit")
          || option.equals("-Xshare:off") || option.equals("-XX:+AutoCreateSharedArchive")) {
        return "the JVM options choose already (" + option + ")";
      }
    }
    for (String path : new String[] {facts.classPath(), facts.modulePath(), facts.upgradeModulePath()}) {
      for (String entry : path == null ? new String[0] : path.split(File.pathSeparator)) {
        if (!entry.isEmpty() && Files.isDirectory(Path.of(entry))) {
          return "the class path has a directory, " + entry;
        }
      }
    }
    return null;
  }

  /** What the archive depends on: the JDK, every path entry with its size and time, and the JVM options. */
  static String key(JavaCommand.Facts facts, List<String> jvmOptions) throws IOException {
    StringBuilder text = new StringBuilder(facts.java()).append('\n')
        .append(System.getProperty("java.vm.version")).append('\n').append(jvmOptions).append('\n');
    for (String path : new String[] {facts.classPath(), facts.modulePath(), facts.upgradeModulePath()}) {
      for (String entry : path == null ? new String[0] : path.split(File.pathSeparator)) {
        if (!entry.isEmpty() && Files.exists(Path.of(entry))) {
          BasicFileAttributes attributes = Files.readAttributes(Path.of(entry), BasicFileAttributes.class);
          text.append(entry).append('|').append(attributes.size()).append('|')
              .append(attributes.lastModifiedTime().toMillis()).append('\n');
        } else {
          text.append(entry).append('\n');
        }
      }
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether the archive's checksum is the one written when it was kept; checked once per file state. */
  private boolean intact(Path archive) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(archive, BasicFileAttributes.class);
    String state = archive + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis();
    if (state.equals(checked)) {
      return true;
    }
    Path checksumFile = checksumFile(archive);
    if (!Files.isRegularFile(checksumFile)
        || !Files.readString(checksumFile, StandardCharsets.UTF_8).trim().equals(Long.toString(checksum(archive)))) {
      return false;
    }
    checked = state;
    return true;
  }

  private static Path checksumFile(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".crc32c");
  }

  private static long checksum(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
      }
    }
    return crc.getValue();
  }
}
