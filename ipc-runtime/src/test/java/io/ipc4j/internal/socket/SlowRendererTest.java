package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.internal.HostAccess;
import io.ipc4j.internal.SocketLoop;
import io.ipc4j.IpcHost;
import io.ipc4j.WebContents;
import io.ipc4j.LogCapture;
import io.ipc4j.RenderProcessGoneDetails;
import io.ipc4j.Renderer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A renderer that does not read what the host writes to it (over a real socket) holds up no one but itself: the
 * main loop never waits on its socket, the other renderers keep their latency, and it is disconnected, with the
 * reason logged, when its queue passes its budget or its socket takes nothing for the stall time. One that reads
 * slowly but does read gets everything, in order.
 */
class SlowRendererTest {
  private LogCapture log;

  @BeforeEach
  void captureLog() {
    log = new LogCapture();
  }

  @AfterEach
  void releaseLog() {
    log.close();
  }

  /** What a no-read attack did: the other renderer's latencies, and how the attacker ended. */
  private record Attack(List<Long> latencyNanos, int beforeCutOff, RenderProcessGoneDetails gone,
      WebContents attacker, int invokesWritten, long disconnectMillis) {
    long worstMillis() {
      return TimeUnit.NANOSECONDS.toMillis(Collections.max(latencyNanos));
    }

    double p99Millis() {
      List<Long> sorted = new ArrayList<>(latencyNanos);
      Collections.sort(sorted);
      return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6;
    }

    String summary() {
      return String.format("%d echoes of the other renderer (%d before the attacker was cut off, the rest in the "
          + "300 ms after): worst %d ms, p99 %.2f ms; the attacker wrote %d INVOKEs and was cut off after %d ms",
          latencyNanos.size(), beforeCutOff, worstMillis(), p99Millis(), invokesWritten, disconnectMillis);
    }
  }

  /**
   * A raw peer sends 300 INVOKEs of 60 KB to an echo handler and never reads the replies, while another renderer
   * over the socket invokes an echo every few milliseconds until the attacker is gone (and a little longer).
   */
  private static Attack noReadAttack(IpcHost host) throws Exception {
    host.ipcMain().handle("echo", (event, args) -> args[0]);
    Renderer other = host.openRenderer();
    for (int i = 0; i < 200; i++) { // warm up, so the attack is what is measured
      assertThat(other.ipcRenderer().invoke("echo", i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
    }
    TestPeer attacker = TestPeer.authenticated(host);
    WebContents attackerContents = attacker.admitted.get(10, TimeUnit.SECONDS);
    CompletableFuture<RenderProcessGoneDetails> gone = new CompletableFuture<>();
    attackerContents.onRenderProcessGone(gone::complete);

    List<Long> latencies = new CopyOnWriteArrayList<>();
    AtomicReference<Throwable> probeFailure = new AtomicReference<>();
    CompletableFuture<Void> stopProbing = new CompletableFuture<>();
    Thread probe = new Thread(() -> {
      try {
        for (int i = 0; !stopProbing.isDone(); i++) {
          long start = System.nanoTime();
          Object echoed = other.ipcRenderer().invoke("echo", i).get(20, TimeUnit.SECONDS);
          latencies.add(System.nanoTime() - start);
          if (!Integer.valueOf(i).equals(echoed)) {
            throw new AssertionError("echo " + i + " came back as " + echoed);
          }
          Thread.sleep(3);
        }
      } catch (Throwable t) {
        probeFailure.set(t);
      }
    }, "other-renderer");
    AtomicInteger written = new AtomicInteger();
    Thread flood = new Thread(() -> {
      byte[] args = TestPeer.args(new byte[60_000]);
      try {
        for (int i = 0; i < 300; i++) {
          attacker.write(TestPeer.invoke(i, "echo", args));
          written.incrementAndGet();
        }
      } catch (IOException e) {
        // cut off while writing: expected once the host has had enough
      }
    }, "attacker");
    long start = System.nanoTime();
    probe.start();
    flood.start();
    RenderProcessGoneDetails details = gone.get(30, TimeUnit.SECONDS);
    long disconnectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    int beforeCutOff = latencies.size();
    Thread.sleep(300); // the other renderer goes on for a while after the attacker is gone
    stopProbing.complete(null);
    probe.join(30_000);
    flood.join(10_000);
    attacker.close();
    if (probeFailure.get() != null) {
      throw new AssertionError("the other renderer's echo failed", probeFailure.get());
    }
    assertThat(other.ipcRenderer().invoke("echo", "after").get(10, TimeUnit.SECONDS)).isEqualTo("after");
    return new Attack(latencies, beforeCutOff, details, attackerContents, written.get(), disconnectMillis);
  }

  private void assertCutOff(IpcHost host, Attack attack, String option) {
    System.out.println("[" + option + "] " + attack.summary());
    assertThat(attack.worstMillis()).isLessThan(1_000L);
    assertThat(attack.gone().reason()).isEqualTo(RenderProcessGoneDetails.Reason.CRASHED);
    assertThat(attack.attacker().isDestroyed()).isTrue();
    assertThat(host.allWebContents()).doesNotContain(attack.attacker());
    String warning = "ipc4j: disconnecting renderer-" + attack.attacker().id() + " because it did not read: ";
    assertThat(log.messages().stream().filter(w -> w.startsWith(warning) && w.endsWith("(" + option + ")")).count())
        .isEqualTo(1);
  }

  @Test
  void aRendererThatDoesNotReadIsCutOffWhenItsQueuePassesItsBudgetWhileAnotherKeepsItsLatency() throws Exception {
    try (IpcHost host = ChildProcessTest.host().maxOutboundBytes(2L << 20).overSockets()) {
      Attack attack = noReadAttack(host);
      assertCutOff(host, attack, "IpcHost.Builder.maxOutboundBytes");
      assertThat(log.messages().stream().filter(w -> w.contains("maxOutboundBytes")).findFirst().orElseThrow())
          .matches(".* because it did not read: [0-9,]+ bytes were waiting for it and 60,[0-9]{3} more would pass "
              + "the limit of 2,097,152 \\(IpcHost.Builder.maxOutboundBytes\\)");
    }
  }

  @Test
  void aRendererThatDoesNotReadIsCutOffAfterTheStallTimeWhileAnotherKeepsItsLatency() throws Exception {
    try (IpcHost host = ChildProcessTest.host().stallTime(Duration.ofMillis(1_000)).overSockets()) {
      Attack attack = noReadAttack(host);
      assertCutOff(host, attack, "IpcHost.Builder.stallTime");
      // Within the default budget every INVOKE was read and answered into the queue; the stall time ended it.
      assertThat(attack.invokesWritten()).isEqualTo(300);
      assertThat(attack.disconnectMillis()).isAtLeast(1_000L);
      assertThat(log.messages().stream().filter(w -> w.contains("stallTime")).findFirst().orElseThrow())
          .matches(".* because it did not read: it took no byte for the stall time of 1,000 ms while [0-9,]+ bytes "
              + "were waiting for it \\(IpcHost.Builder.stallTime\\)");
    }
  }

  @Test
  void aSlowRendererThatKeepsReadingGetsEveryReplyInOrderAndStaysConnected() throws Exception {
    try (IpcHost host = ChildProcessTest.host().maxOutboundBytes(16L << 20).stallTime(Duration.ofSeconds(5))
        .overSockets();
        TestPeer peer = TestPeer.authenticated(host)) {
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      WebContents contents = peer.admitted.get(10, TimeUnit.SECONDS);
      int count = 100;
      // All requests first, reading nothing: about 6 MB of replies queue up on the host, under the 16 MiB budget.
      CompletableFuture<Void> sent = new CompletableFuture<>();
      Thread sender = new Thread(() -> {
        try {
          for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[60_000];
            Arrays.fill(bytes, (byte) i);
            peer.write(TestPeer.invoke(i, "echo", TestPeer.args(bytes)));
          }
          sent.complete(null);
        } catch (Throwable t) {
          sent.completeExceptionally(t);
        }
      }, "slow-renderer");
      sender.start();
      sent.get(15, TimeUnit.SECONDS); // the host takes every request although no reply has been read
      for (int i = 0; i < count; i++) {
        if (i % 10 == 0) {
          Thread.sleep(100); // a slow reader: it pauses, then drains
        }
        TestPeer.Reply reply = peer.readReply(Duration.ofSeconds(10));
        assertThat(reply.callId()).isEqualTo(i);
        assertThat(reply.ok()).isTrue();
        byte[] expected = new byte[60_000];
        Arrays.fill(expected, (byte) i);
        assertThat((byte[]) reply.value()).isEqualTo(expected);
      }
      peer.write(TestPeer.invoke(count, "echo", TestPeer.args("still here")));
      assertThat(peer.readReply(Duration.ofSeconds(10)).value()).isEqualTo("still here");
      assertThat(contents.isDestroyed()).isFalse();
      assertThat(log.messages().stream().filter(w -> w.contains("disconnecting")).toList()).isEmpty();
    }
  }

  @Test
  void theMainLoopRunsATaskWithinMillisecondsWhileARendererDoesNotRead() throws Exception {
    try (IpcHost host = ChildProcessTest.host().overSockets();
        TestPeer peer = TestPeer.authenticated(host)) {
      WebContents contents = peer.admitted.get(10, TimeUnit.SECONDS);
      SocketLoop loop = HostAccess.mainLoop(host);
      byte[] chunk = new byte[1 << 20];
      CompletableFuture<Void> pushed = new CompletableFuture<>();
      loop.execute(() -> { // 16 MiB for a peer that reads nothing: far more than its socket holds
        for (int i = 0; i < 16; i++) {
          contents.send("data", chunk);
        }
        pushed.complete(null);
      });
      pushed.get(5, TimeUnit.SECONDS);
      List<Long> delays = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long submitted = System.nanoTime();
        CompletableFuture<Long> ran = new CompletableFuture<>();
        loop.execute(() -> ran.complete(System.nanoTime()));
        delays.add(ran.get(5, TimeUnit.SECONDS) - submitted);
        Thread.sleep(20);
      }
      long worstMicros = TimeUnit.NANOSECONDS.toMicros(Collections.max(delays));
      System.out.println("[main loop] 20 tasks while a renderer does not read: worst delay " + worstMicros + " us");
      assertThat(worstMicros).isLessThan(250_000L);
      assertThat(contents.isDestroyed()).isFalse();
      // Everything waited for it: once it reads, all of it arrives.
      for (int i = 0; i < 16; i++) {
        ByteBuffer frame = peer.readFrame(Duration.ofSeconds(10));
        assertThat(frame.get() & 0xff).isEqualTo(Frames.PUSH | Frames.AS_IS); // its one array as it is
      }
    }
  }
}
