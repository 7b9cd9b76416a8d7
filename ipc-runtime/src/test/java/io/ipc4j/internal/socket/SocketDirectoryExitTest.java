package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's private socket directory does not outlive its JVM: {@code close()} deletes it, and so does a JVM that
 * exits in good order with the host still open (its {@code main} returns, or it calls {@code System.exit}).
 */
class SocketDirectoryExitTest {
  /**
   * A host JVM that opens a socket host, says where its directory is, and exits without closing it ({@code return}
   * or {@code exit}), or closes it from a shutdown hook of its own as it exits ({@code hook}).
   */
  public static final class LeavesHostOpen {
    public static void main(String[] args) throws Exception {
      IpcHost host = IpcHost.overSockets();
      if (args[0].equals("hook")) {
        Runtime.getRuntime().addShutdownHook(new Thread(host::close));
      }
      try (Stream<Path> made = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
        System.out.println("made " + made.filter(p -> p.getFileName().toString().startsWith("ipc4j-")).toList());
      }
      if (!args[0].equals("return")) {
        System.exit(3);
      } // else main returns; the host's threads are daemons, so the JVM exits
    }
  }

  @TempDir Path temp;

  @Test
  void aHostStillOpenWhenMainReturnsHasItsDirectoryDeleted() throws Exception {
    assertThat(exitLeaving("return")).isEqualTo(0);
  }

  @Test
  void aHostStillOpenAtSystemExitHasItsDirectoryDeleted() throws Exception {
    assertThat(exitLeaving("exit")).isEqualTo(3);
  }

  @Test
  void aHostClosedByAShutdownHookOfItsOwnExitsQuietly() throws Exception {
    assertThat(exitLeaving("hook")).isEqualTo(3);
    assertThat(errors).isEmpty(); // close() deletes as the exit hook may: nothing escapes the user's hook
  }

  private String errors;

  /** Runs {@link LeavesHostOpen} with its own temporary directory; checks it made one there and left none. */
  private int exitLeaving(String how) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + temp, "-cp",
        System.getProperty("java.class.path"), LeavesHostOpen.class.getName(), how)
        .redirectError(temp.resolve("stderr.txt").toFile()).start();
    String said;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      said = out.readLine();
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    errors = Files.readString(temp.resolve("stderr.txt"));
    Files.delete(temp.resolve("stderr.txt"));
    assertThat(said).matches("made \\[.*ipc4j-[^,]*\\]"); // the host made exactly one directory where it was told
    assertThat(leftIn(temp)).isEmpty();
    return child.exitValue();
  }

  private static List<Path> leftIn(Path dir) throws IOException {
    try (Stream<Path> left = Files.list(dir)) {
      return left.toList();
    }
  }

  @Test
  void closingUnregistersTheExitHookSoThatHostsDoNotAccumulateHooks() throws Exception {
    ListeningSocket open = new ListeningSocket();
    ListeningSocket closed = new ListeningSocket();
    closed.closeSocket();
    closed.deleteDirectory();
    assertThat(Files.exists(closed.directory)).isFalse();
    assertThat(Runtime.getRuntime().removeShutdownHook(closed.deleteAtExit)).isFalse(); // already gone
    assertThat(Runtime.getRuntime().removeShutdownHook(open.deleteAtExit)).isTrue(); // still registered
    open.closeSocket();
    open.deleteDirectory();
    assertThat(Files.exists(open.directory)).isFalse();
  }
}
