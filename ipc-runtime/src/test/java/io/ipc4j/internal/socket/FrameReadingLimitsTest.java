package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.internal.HostAccess;
import io.ipc4j.IpcHost;
import io.ipc4j.WebContents;
import io.ipc4j.LogCapture;
import io.ipc4j.Renderer;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The host reads a renderer's frames without trusting what they claim: a frame's claimed length is allocated only
 * as its bytes arrive, and a frame that stops arriving is cut off after the stall time, while others keep working.
 */
class FrameReadingLimitsTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private IpcHost host;

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
  }

  /** The host's main loop thread, which reads every admitted renderer's socket. */
  static Thread mainLoopThread(IpcHost host) throws Exception {
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    HostAccess.mainLoop(host).execute(() -> thread.complete(Thread.currentThread()));
    return thread.get(10, TimeUnit.SECONDS);
  }

  @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+
  static long allocatedBy(Thread thread) {
    return THREADS.getThreadAllocatedBytes(thread.getId());
  }

  /** The first {@code bytes} bytes of an INVOKE on "echo" whose length field claims {@code claimed} bytes. */
  private static ByteBuffer startOfFrameClaiming(int claimed, int bytes) {
    ByteBuffer whole = TestPeer.invoke(1, "echo", new byte[0]);
    ByteBuffer b = ByteBuffer.allocate(bytes);
    b.put(whole.duplicate().limit(whole.limit())).putInt(0, claimed);
    return b.position(bytes).flip();
  }

  private static void assertEchoWithinASecond(Renderer renderer, String text) {
    long start = System.nanoTime();
    assertThat(renderer.ipcRenderer().invoke("echo", text).join()).isEqualTo(text);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000L);
  }

  @Test
  void aClaimed64MiBFrameOfWhich64KiBArrivedCostsTheLoopFarLessThan64MiB() throws Exception {
    host = ChildProcessTest.host().overSockets();
    host.ipcMain().handle("echo", (event, args) -> args[0]);
    try (TestPeer peer = TestPeer.authenticated(host)) {
      Thread loop = mainLoopThread(host);
      long before = allocatedBy(loop);
      int claimed = IpcHost.DEFAULT_MAX_FRAME_BYTES;
      peer.write(startOfFrameClaiming(claimed, 64 * 1024 + 64));
      // Wait until the loop has started the frame (it allocates something for it), then a little longer.
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (allocatedBy(loop) - before < 64 * 1024 && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      Thread.sleep(300);
      long allocated = allocatedBy(loop) - before;
      System.out.printf("main loop allocated %,d bytes for a frame claiming %,d bytes of which %,d arrived%n",
          allocated, claimed, 64 * 1024 + 64);
      assertThat(allocated).isLessThan(4L * 1024 * 1024);
      assertThat(peer.hostHangsUpWithin(Duration.ofMillis(200))).isFalse();
    }
  }

  @Test
  void aFrameThatStopsArrivingIsCutOffAfterTheStallTimeWhileAnotherRendererKeepsWorking() throws Exception {
    host = ChildProcessTest.host().stallTime(Duration.ofMillis(300)).overSockets();
    host.ipcMain().handle("echo", (event, args) -> args[0]);
    try (LogCapture log = new LogCapture();
        Renderer other = host.openRenderer();
        TestPeer peer = TestPeer.authenticated(host)) {
      assertEchoWithinASecond(other, "warm");
      ByteBuffer invoke = TestPeer.invoke(9, "echo", TestPeer.args("x".repeat(1_000)));
      long start = System.nanoTime(); // before the write: the stall counts from the last byte, which comes after it
      peer.write(invoke.limit(invoke.limit() / 2));
      assertEchoWithinASecond(other, "while a frame stalls");
      assertThat(peer.hostHangsUpWithin(Duration.ofSeconds(10))).isTrue();
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(tookMillis).isAtLeast(250L);
      assertThat(log.any("disconnecting", "a frame stopped arriving", "300 ms")).isTrue();
      WebContents gone = peer.admitted.get();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!gone.isDestroyed() && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertThat(gone.isDestroyed()).isTrue();
      assertEchoWithinASecond(other, "after");
    }
  }

  @Test
  void aRendererIdleBetweenFramesOrTricklingAFrameFasterThanTheStallTimeIsNotCutOff() throws Exception {
    host = ChildProcessTest.host().stallTime(Duration.ofMillis(400)).overSockets();
    host.ipcMain().handle("echo", (event, args) -> args[0]);
    try (TestPeer peer = TestPeer.authenticated(host)) {
      Thread.sleep(1_000); // idle between frames: no frame has started, nothing stalls
      ByteBuffer invoke = TestPeer.invoke(3, "echo", TestPeer.args("slow"));
      int step = Math.max(1, invoke.remaining() / 8);
      while (invoke.hasRemaining()) {
        int n = Math.min(step, invoke.remaining());
        peer.write(invoke.duplicate().limit(invoke.position() + n));
        invoke.position(invoke.position() + n);
        Thread.sleep(100);
      }
      assertThat(peer.readReply(Duration.ofSeconds(10))).isEqualTo(new TestPeer.Reply(3, true, "slow"));
    }
  }
}
