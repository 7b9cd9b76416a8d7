package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A host JVM that a test kills with SIGKILL once its renderer is waiting: the host's main class launches a renderer
 * JVM that writes its pid to {@code markers/pid} and, once its calls are pending, {@code markers/pending}; the
 * renderer must then notice the lost host by itself and exit, leaving what it saw in the markers for the test.
 */
final class KilledHost {
  private KilledHost() {}

  /**
   * Starts {@code hostMain} with {@code markers} as its argument, waits up to {@code pendingWithin} for the pending
   * marker, kills the host, and waits up to {@code orphanExitWithin} for the renderer to exit by itself.
   */
  static void killOncePending(Class<?> hostMain, Path markers, Duration pendingWithin, Duration orphanExitWithin)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    // The host's socket directory goes into the markers too: a killed JVM cannot delete it, the test's cleanup does.
    Process hostProcess = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + markers, "-cp",
        System.getProperty("java.class.path"), hostMain.getName(), markers.toString())
        .inheritIO().start();
    try {
      Path pending = markers.resolve("pending");
      long deadline = System.nanoTime() + pendingWithin.toNanos();
      while (!Files.exists(pending) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Files.exists(pending)).isTrue();
      long orphanPid = pidOf(markers);
      hostProcess.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      ProcessHandle orphan = ProcessHandle.of(orphanPid).orElse(null);
      if (orphan != null) {
        orphan.onExit().get(orphanExitWithin.toMillis(), TimeUnit.MILLISECONDS); // no orphan waits forever
      }
    } finally {
      hostProcess.destroyForcibly();
    }
  }

  private static long pidOf(Path markers) throws IOException {
    return Long.parseLong(Files.readString(markers.resolve("pid")));
  }
}
