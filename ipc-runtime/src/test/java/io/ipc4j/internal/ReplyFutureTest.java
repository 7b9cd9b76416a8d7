package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcInvokeException;
import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.codec.ValueCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An invoke's future, one step at a time, with the renderer's loop held still ({@link TestCallOwner} runs it only
 * when told): what a caller sees between the call's end and the loop settling the future.
 */
class ReplyFutureTest {
  /** A codec with no record or enum codecs: these tests send none. */
  private static final ValueCodec CODEC = new ValueCodec(new CodecRegistry());

  private final TestCallOwner owner = new TestCallOwner();
  private final PendingCall call = new PendingCall(owner, 7, "notes:get", Duration.ofSeconds(30));

  private static Message.Reply ok(Object value) {
    return new Message.Reply(7, true, CODEC.encodeValue(value));
  }

  private static Message.Reply failed(byte[] payload) {
    return new Message.Reply(7, false, payload);
  }

  @Test
  void cancellingAfterTheReplyCameFailsAndTheFutureKeepsTheReply() throws Exception {
    ReplyFuture<Object> future = call.future();
    call.end(ok("note"));
    // the loop has not settled the future yet
    assertThat(future.cancel(true)).isFalse();
    assertThat(future.isCancelled()).isFalse();
    assertThat(future.get(1, TimeUnit.SECONDS)).isEqualTo("note");
  }

  @Test
  void cancellingAPendingCallEndsItSoALateReplyIsDropped() {
    ReplyFuture<Object> future = call.future();
    assertThat(future.cancel(false)).isTrue();
    assertThat(call.end(ok("late"))).isFalse();
    assertThat(future.isCancelled()).isTrue();
    assertThrows(CancellationException.class, future::join);
  }

  @Test
  void aCallThatEndedBeforeItHadAFutureStillRunsItsCallbacks() {
    call.disconnect("This renderer was closed"); // as when a renderer closes while invoke is starting
    ReplyFuture<Object> future = call.future();
    AtomicReference<Throwable> seen = new AtomicReference<>();
    future.whenComplete((value, failure) -> seen.set(failure));
    owner.runLoop();
    assertThat(seen.get()).isInstanceOf(io.ipc4j.IpcDisconnectedException.class);
  }

  @Test
  void theLoopSettlesTheFutureWithTheCallItselfAsItsTask() {
    ReplyFuture<Object> future = call.future();
    call.end(ok("value"));

    assertThat(owner.queued()).containsExactly(call); // no task object is made per reply
    owner.runLoop();
    assertThat(future.getNow(null)).isEqualTo("value");
  }

  @Test
  void anAnswerCopiedForTheRendererIsTheValueItselfNotDecodedAgain() {
    ReplyFuture<Object> future = call.future();
    byte[] copy = CODEC.encodeValue(List.of("a", 1)); // a byte[] answer is a value like any other
    assertThat(call.end(copy)).isTrue(); // as a renderer in process gets it

    assertThat(future.join()).isSameInstanceAs(copy);
  }

  @Test
  void threeThreadsBlockedOnOneFutureAllWakeWhenTheReplyComesThoughOneGaveUpFirst() throws Exception {
    ReplyFuture<Object> future = call.future();
    assertThrows(TimeoutException.class, () -> future.get(1, TimeUnit.MILLISECONDS)); // parked, then left
    List<CompletableFuture<Object>> joined = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      joined.add(CompletableFuture.supplyAsync(future::join, command -> new Thread(command).start()));
    }
    awaitWaiters(3);
    call.end(ok("all"));
    for (CompletableFuture<Object> each : joined) {
      assertThat(each.get(10, TimeUnit.SECONDS)).isEqualTo("all");
    }
  }

  @Test
  void twoThreadsBlockedOnOneFutureBothWakeWhenTheReplyComes() throws Exception {
    ReplyFuture<Object> future = call.future();
    CompletableFuture<Object> joined =
        CompletableFuture.supplyAsync(future::join, command -> new Thread(command).start());
    CompletableFuture<Object> got = new CompletableFuture<>();
    new Thread(() -> {
      try {
        got.complete(future.get(30, TimeUnit.SECONDS));
      } catch (Exception e) {
        got.completeExceptionally(e);
      }
    }).start();
    awaitWaiters(2);
    long start = System.nanoTime();
    call.end(ok("both"));
    assertThat(joined.get(10, TimeUnit.SECONDS)).isEqualTo("both");
    assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("both");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  /** Waits until this many threads are parked on the call. */
  private void awaitWaiters(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      long parked = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> java.util.concurrent.locks.LockSupport.getBlocker(t) == call).count();
      if (parked >= n) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("fewer than " + n + " threads parked on the call");
  }

  @Test
  void anInterruptedGetThrowsInterruptedExceptionAndLeavesTheCallPending() throws Exception {
    ReplyFuture<Object> future = call.future();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch ended = new CountDownLatch(1);
    Thread caller = new Thread(() -> {
      try {
        future.get(30, TimeUnit.SECONDS);
      } catch (Throwable t) {
        thrown.set(t);
      }
      ended.countDown();
    });
    caller.start();
    awaitWaiters(1);
    caller.interrupt();
    assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(call.ended()).isFalse();
    call.end(ok("later"));
    owner.runLoop();
    assertThat(future.getNow(null)).isEqualTo("later");
  }

  @Test
  void aTimedGetThatRanOutOfTimeAsTheLoopSettlesReturnsTheReply() throws Exception {
    ReplyFuture<Object> future = call.future();
    call.end(ok("just in time"));
    // the loop has the settle task; a get with no time left must still answer, not time out
    assertThat(future.get(0, TimeUnit.NANOSECONDS)).isEqualTo("just in time");
  }

  @Test
  void blockingOnADerivedStageTakesTheReplyWithoutTheLoop() throws Exception {
    ReplyFuture<Object> future = call.future();
    CompletableFuture<String> derived = future.thenApply(v -> v + "!").thenApply(v -> v + "?");
    call.end(ok("note"));
    // the loop never runs here: the blocked caller settles the call, and so its stages, itself
    assertThat(derived.get(1, TimeUnit.SECONDS)).isEqualTo("note!?");
    assertThat(future.isSettled()).isTrue();
  }

  @Test
  void aTimedGetOnAStageOfAPendingCallTimesOutAndLeavesTheCallPending() {
    CompletableFuture<Object> derived = call.future().thenApply(v -> v);
    assertThrows(TimeoutException.class, () -> derived.get(20, TimeUnit.MILLISECONDS));
    assertThat(call.ended()).isFalse();
  }

  @Test
  void aFailedReplyInTheDocumentedFormBecomesAnInvokeException() {
    call.end(failed(CODEC.encodeArgs(new Object[] {"java.lang.IllegalStateException", "no note"})));
    IpcInvokeException e = assertThrows(IpcInvokeException.class, call::await);
    assertThat(e.remoteType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(e.remoteMessage()).isEqualTo("no note");
  }

  @Test
  void aFailedReplyWithANilMessageKeepsItsType() {
    call.end(failed(CODEC.encodeArgs(new Object[] {"java.lang.NullPointerException", null})));
    IpcInvokeException e = assertThrows(IpcInvokeException.class, call::await);
    assertThat(e.remoteType()).isEqualTo("java.lang.NullPointerException");
    assertThat(e.remoteMessage()).isNull();
  }

  @Test
  void aMalformedFailurePayloadBecomesAnInvokeExceptionThatSaysSo() {
    List<byte[]> payloads = List.of(
        CODEC.encodeValue(null), // nil instead of a list
        CODEC.encodeValue("just a string"), // not a list
        CODEC.encodeValue(42),
        CODEC.encodeArgs(new Object[0]), // too short
        CODEC.encodeArgs(new Object[] {"java.lang.IllegalStateException"}),
        CODEC.encodeArgs(new Object[] {"a", "b", "c"}), // too long
        CODEC.encodeArgs(new Object[] {"java.lang.IllegalStateException", 17}), // message not a string
        CODEC.encodeArgs(new Object[] {"java.lang.IllegalStateException", List.of("x")}),
        CODEC.encodeArgs(new Object[] {null, "message"}), // type not a string
        CODEC.encodeArgs(new Object[] {12, "message"}),
        CODEC.encodeArgs(new Object[] {"", "message"}),
        new byte[0], // nothing at all
        new byte[] {(byte) 0x92, (byte) 0xa1}); // truncated
    for (byte[] payload : payloads) {
      PendingCall c = new PendingCall(owner, 7, "notes:get", Duration.ofSeconds(30));
      ReplyFuture<Object> future = c.future();
      c.end(failed(payload));
      ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(1, TimeUnit.SECONDS));
      assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
      IpcInvokeException invoke = (IpcInvokeException) e.getCause();
      assertThat(invoke.channel()).isEqualTo("notes:get");
      assertThat(invoke.remoteType()).isEqualTo("io.ipc4j.IpcException");
      assertThat(invoke.remoteMessage()).startsWith("malformed failure reply: ");
      assertThat(invoke).hasMessageThat().startsWith("Error invoking remote method 'notes:get': ");
    }
  }
}
