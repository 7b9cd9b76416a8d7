package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.internal.Message;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * Call ids are the renderer's to choose, unique among its calls in flight (docs/protocol.md). A peer that opens a call
 * with the id of one still in flight (a handler's stage that has not ended, or a stream still served) broke the
 * protocol: it is cut off, and the second call's handler never runs. Before, the second call took the first one's
 * place, so the first could no longer be cancelled and the host's count of calls in flight missed it: a peer that
 * sent every call with one id had unbounded calls in flight. An id whose call has ended may be used again.
 */
class ReusedCallIdTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static IpcHost host(List<CompletableFuture<Object>> stages) {
    IpcHost host = IpcHost.overSockets();
    host.ipcMain().handle("slow", (event, args) -> {
      CompletableFuture<Object> stage = new CompletableFuture<>();
      stages.add(stage);
      return stage;
    });
    host.ipcMain().handle("quick", (event, args) -> "quick");
    host.ipcMain().handle("stubborn", (event, args) -> { // a stage that refuses cancel and runs on
      CompletableFuture<Object> stage = new CompletableFuture<>();
      stages.add(stage);
      return stage.minimalCompletionStage();
    });
    host.ipcMain().handle("endless", (event, args) -> (Flow.Publisher<Object>) s -> s.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        }));
    return host;
  }

  /** Waits, at most {@link #WAIT}, until {@code condition} holds. */
  private static void until(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(1);
    }
  }

  private static ByteBuffer stream(long callId, String channel) {
    Message.Stream open = new Message.Stream(callId, Message.MAIN_FRAME_ID, channel, TestPeer.args());
    ByteBuffer header = Frames.header(open);
    byte[] payload = Frames.payload(open);
    return ByteBuffer.allocate(header.remaining() + payload.length).put(header).put(payload).flip();
  }

  @Test
  void aPeerThatReusesTheIdOfAnInvokeStillInFlightIsCutOffAndItsSecondCallNeverRuns() throws Exception {
    List<CompletableFuture<Object>> stages = new CopyOnWriteArrayList<>();
    try (IpcHost host = host(stages); TestPeer peer = TestPeer.authenticated(host)) {
      peer.write(TestPeer.invoke(7, "slow", TestPeer.args()));
      until("the first call in flight", () -> stages.size() == 1);
      peer.write(TestPeer.invoke(7, "slow", TestPeer.args()));
      assertThat(peer.hostHangsUpWithin(WAIT)).isTrue();
      assertThat(stages).hasSize(1);
      until("the first call cancelled, its caller gone", () -> stages.get(0).isCancelled());
      assertThat(host.openRenderer().ipcRenderer().invoke("quick").join()).isEqualTo("quick");
    }
  }

  @Test
  void aPeerThatReusesTheIdOfAStreamStillServedIsCutOff() throws Exception {
    List<CompletableFuture<Object>> stages = new CopyOnWriteArrayList<>();
    try (IpcHost host = host(stages); TestPeer peer = TestPeer.authenticated(host)) {
      peer.write(stream(9, "endless"));
      peer.write(TestPeer.invoke(9, "slow", TestPeer.args()));
      assertThat(peer.hostHangsUpWithin(WAIT)).isTrue();
      assertThat(stages).isEmpty();
    }
  }

  @Test
  void aPeerThatOpensAStreamWithTheIdOfAnInvokeStillInFlightIsCutOffAndTheStreamNeverRuns() throws Exception {
    List<CompletableFuture<Object>> stages = new CopyOnWriteArrayList<>();
    try (IpcHost host = host(stages); TestPeer peer = TestPeer.authenticated(host)) {
      List<Object> streamed = new CopyOnWriteArrayList<>();
      host.ipcMain().handle("counted", (event, args) -> {
        streamed.add(event.channel());
        return "one item";
      });
      peer.write(TestPeer.invoke(5, "slow", TestPeer.args()));
      until("the invoke in flight", () -> stages.size() == 1);
      peer.write(stream(5, "counted"));
      assertThat(peer.hostHangsUpWithin(WAIT)).isTrue();
      assertThat(streamed).isEmpty();
      until("the invoke cancelled, its caller gone", () -> stages.get(0).isCancelled());
    }
  }

  @Test
  void aCancelledCallWhoseStageEndsLaterLeavesTheNextCallWithItsIdInFlight() throws Exception {
    List<CompletableFuture<Object>> stages = new CopyOnWriteArrayList<>();
    List<io.ipc4j.IpcMainInvokeEvent> events = new CopyOnWriteArrayList<>();
    try (IpcHost host = host(stages); TestPeer peer = TestPeer.authenticated(host)) {
      host.ipcMain().handle("watched", (event, args) -> {
        events.add(event);
        CompletableFuture<Object> stage = new CompletableFuture<>();
        stages.add(stage);
        return stage;
      });
      peer.write(TestPeer.invoke(7, "stubborn", TestPeer.args()));
      until("the first call in flight", () -> stages.size() == 1);
      peer.write(TestPeer.cancel(7)); // its id is free again, though its stage runs on
      peer.write(TestPeer.invoke(7, "watched", TestPeer.args()));
      until("the second call in flight", () -> stages.size() == 2);
      stages.get(0).complete("late"); // the first call's stage ends: it must not take the second call's place
      peer.write(TestPeer.cancel(7));
      until("the second call cancelled", () -> events.get(0).isCancelled());
      assertThat(stages.get(1).isCancelled()).isTrue();
    }
  }

  @Test
  void theIdOfACallThatHasEndedMayBeUsedAgain() throws Exception {
    List<CompletableFuture<Object>> stages = new CopyOnWriteArrayList<>();
    try (IpcHost host = host(stages); TestPeer peer = TestPeer.authenticated(host)) {
      peer.write(TestPeer.invoke(7, "slow", TestPeer.args()));
      until("the first call in flight", () -> stages.size() == 1);
      stages.get(0).complete("first");
      assertThat(peer.readReply(WAIT)).isEqualTo(new TestPeer.Reply(7, true, "first"));
      peer.write(TestPeer.invoke(7, "quick", TestPeer.args()));
      assertThat(peer.readReply(WAIT)).isEqualTo(new TestPeer.Reply(7, true, "quick"));
      peer.write(TestPeer.invoke(7, "slow", TestPeer.args())); // and once more, kept again
      until("the third call in flight", () -> stages.size() == 2);
      stages.get(1).complete("third");
      assertThat(peer.readReply(WAIT)).isEqualTo(new TestPeer.Reply(7, true, "third"));
    }
  }
}
