package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipc4j.IpcHost;
import io.ipc4j.RenderProcessGoneDetails;
import io.ipc4j.RenderProcessGoneDetails.Reason;
import io.ipc4j.WebContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes killed with SIGKILL under load: a renderer with a thousand calls in flight, and a host with a
 * renderer's sendSync and a hundred invokes pending. Whoever is left goes on.
 */
class RendererChaosTest {
  private static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
    T value = queue.poll(30, TimeUnit.SECONDS);
    if (value == null) {
      throw new AssertionError("nothing arrived within 30 s");
    }
    return value;
  }

  @Test
  void killingARendererWithAThousandCallsInFlightLeavesTheOthersFast() throws Exception {
    assumeTrue(Hosts.KIND.equals("sockets"), "renderer JVMs: run with the socket host");
    try (IpcHost host = TimedGetStressTest.childHost().overSockets()) {
      List<CompletableFuture<Object>> inFlight = new ArrayList<>(); // main loop only
      host.ipcMain().handle("slow", (event, args) -> {
        CompletableFuture<Object> later = new CompletableFuture<>(); // answered asynchronously, after the kill
        inFlight.add(later);
        return later;
      });
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      host.ipcMain().handle("count", (event, args) -> inFlight.size());
      BlockingQueue<Object> fired = new LinkedBlockingQueue<>();
      host.ipcMain().on("fired", (event, args) -> fired.add(args[0]));
      BlockingQueue<Object> pinging = new LinkedBlockingQueue<>();
      host.ipcMain().on("pinging", (event, args) -> pinging.add(true));
      BlockingQueue<List<Object>> latency = new LinkedBlockingQueue<>();
      host.ipcMain().on("latency", (event, args) -> latency.add(List.of(args)));

      WebContents pinger = host.launchRenderer(Children.Pinger.class);
      take(pinging);
      WebContents doomed = host.launchRenderer(Children.Flooder.class, "1000");
      assertThat(take(fired)).isEqualTo(1000);
      io.ipc4j.IpcRenderer local = host.openRenderer().ipcRenderer();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while ((Integer) local.invoke("count").get(10, TimeUnit.SECONDS) < 1000 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(local.invoke("count").get(10, TimeUnit.SECONDS)).isEqualTo(1000);
      pinger.send("report"); // a fresh measure from here: the kill and after
      List<Object> before = take(latency);

      BlockingQueue<RenderProcessGoneDetails> gone = new LinkedBlockingQueue<>();
      doomed.onRenderProcessGone(gone::add);
      long killedAt = System.nanoTime();
      ProcessHandle.of(doomed.osProcessId()).orElseThrow().destroyForcibly();
      RenderProcessGoneDetails details = take(gone);
      long goneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
      assertThat(details.reason()).isEqualTo(Reason.KILLED);
      assertThat(doomed.isDestroyed()).isTrue();
      // The dead renderer's calls end: their late answers go nowhere, and the host serves on.
      host.ipcMain().handle("finish", (event, args) -> {
        inFlight.forEach(f -> f.complete("too late"));
        return inFlight.size();
      });
      assertThat(local.invoke("finish").get(10, TimeUnit.SECONDS)).isEqualTo(1000);
      Thread.sleep(1_000); // the survivor keeps calling after the kill
      pinger.send("report");
      List<Object> after = take(latency);
      System.out.printf("RendererChaosTest: render-process-gone %d ms after SIGKILL; survivor's echo before: "
          + "worst %s ms of %s calls; during and after: worst %s ms of %s calls, %s failed%n", goneMillis,
          before.get(0), before.get(1), after.get(0), after.get(1), after.get(2));
      assertThat(goneMillis).isLessThan(5_000L);
      assertThat(((Number) after.get(0)).longValue()).isLessThan(1_000L);
      assertThat(((Number) after.get(1)).intValue()).isGreaterThan(10);
      assertThat(after.get(2)).isEqualTo(0);
      assertThat(pinger.isDestroyed()).isFalse();
      assertThat(local.invoke("echo", "still serving").get(10, TimeUnit.SECONDS)).isEqualTo("still serving");
    }
  }

  @Test
  void killingTheHostFailsARenderersPendingCallsAtOnceAndTheRendererExits(@TempDir Path dir) throws Exception {
    assumeTrue(Hosts.KIND.equals("sockets"), "renderer JVMs: run with the socket host");
    String java = ProcessHandle.current().info().command().orElseThrow();
    // The host's socket directory goes into dir: a killed JVM cannot delete it, the test's cleanup does.
    Process host = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + dir, "-cp",
        System.getProperty("java.class.path"), Children.DoomedHost.class.getName(), dir.toString()).inheritIO().start();
    try {
      Path pending = dir.resolve("pending");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      while (!Files.exists(pending) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Files.exists(pending)).isTrue();
      long renderer = Long.parseLong(Files.readString(dir.resolve("pid")));
      long killedAt = System.currentTimeMillis();
      host.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

      Path outcome = dir.resolve("outcome");
      while (!Files.exists(outcome) && System.currentTimeMillis() - killedAt < 20_000) {
        Thread.sleep(20);
      }
      assertThat(Files.exists(outcome)).isTrue();
      List<String> ends = Files.readAllLines(outcome);
      assertThat(ends).hasSize(Children.Stranded.INVOKES + 1);
      long latest = 0;
      for (String end : ends) {
        String[] parts = end.split(" ");
        assertThat(parts[0]).isEqualTo(Children.Stranded.DISCONNECTED);
        latest = Math.max(latest, Long.parseLong(parts[1]) - killedAt);
      }
      // Every call failed within a few seconds of the kill, not at its 30 s deadline.
      assertThat(latest).isLessThan(5_000L);
      ProcessHandle orphan = ProcessHandle.of(renderer).orElse(null);
      long exitedAfter = 0;
      if (orphan != null) {
        orphan.onExit().get(10, TimeUnit.SECONDS); // it leaves by itself: no renderer outlives its host
        exitedAfter = System.currentTimeMillis() - killedAt;
      }
      System.out.printf("RendererChaosTest: host killed; the renderer's 101 pending calls all failed with "
          + "IpcDisconnectedException within %d ms; it exited %d ms after the kill%n", latest, exitedAfter);
    } finally {
      host.destroyForcibly();
    }
  }
}
