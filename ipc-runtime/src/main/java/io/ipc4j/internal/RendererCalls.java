package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcTimeoutException;
import io.ipc4j.internal.codec.ValueCodec;
import io.ipc4j.internal.jfr.IpcCallEvent;
import io.ipc4j.internal.jfr.Outcomes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls the main process has made to one renderer ({@code webContents.invoke}) and waits on: each ends once,
 * with the renderer's {@link Message.RendererReply}, at its deadline, when its future is cancelled, or when the
 * renderer or host goes. A call that ends by its deadline or a cancel tells the renderer with a
 * {@link Message.CancelCall}, so that its handler can stop; a reply that comes after its call ended is dropped.
 * Futures settle on the main loop.
 *
 * <p>Deadlines are kept as a renderer's own calls keep theirs: the host's {@link Scheduler} watches this table and
 * times out what is due, and a call costs it one counter update when it starts and one when it ends (no timer each).
 */
final class RendererCalls implements Scheduler.Deadlines {
  private final WebContentsImpl contents;
  private final EventLoop mainLoop;
  private final Scheduler scheduler;
  private final PendingCalls<Call> pending = new PendingCalls<>();
  private final AtomicLong nextId = new AtomicLong();
  private volatile String closedReason;

  /** One call waiting for its reply; as a {@code Runnable}, what cancelling its future does. */
  private final class Call implements PendingCalls.Call, Runnable {
    final long id;
    final String channel;
    final Duration timeout;
    final long deadlineNanos;
    final MainFuture<Object> future;
    /** Its Flight Recorder event while a recording wants one, else null; and the size of the answer, once in. */
    IpcCallEvent event;
    int answerBytes;

    Call(long id, String channel, Duration timeout, MainFuture<Object> future) {
      this.id = id;
      this.channel = channel;
      this.timeout = timeout;
      this.deadlineNanos = Args.deadlineNanos(timeout);
      this.future = future;
    }

    @Override
    public long callId() {
      return id;
    }

    @Override
    public void run() {
      abandon(this);
    }
  }

  RendererCalls(WebContentsImpl contents, EventLoop mainLoop) {
    this.contents = contents;
    this.mainLoop = mainLoop;
    this.scheduler = mainLoop.scheduler();
    scheduler.watch(this);
  }

  /** A fresh id for a call or a stream: they share one space, so that a {@link Message.CancelCall} names one. */
  long newCallId() {
    return nextId.incrementAndGet();
  }

  /**
   * The payload of the arguments of a call or stream opened on the renderer, encoded with the host's codec or (when
   * {@code mayBeAsIs} and the link frames as it sends) the one large array as it is (see {@link AsIs#ofArguments});
   * throws, before anything is sent, if the renderer is destroyed or an argument cannot be encoded.
   */
  byte[] encodeArgs(Object[] args, boolean mayBeAsIs) {
    ensureAlive();
    return AsIs.ofArguments(args, mayBeAsIs && contents.link.framesAsSent(), contents.values());
  }

  private void ensureAlive() {
    if (contents.isDestroyed()) {
      throw new IpcDisconnectedException("Object has been destroyed");
    }
  }

  /** Calls the handler of {@code channel} in one frame; never throws but for a bad channel or timeout. */
  CompletableFuture<Object> invoke(int frameId, Duration timeout, String channel, Object[] args) {
    Args.timeout(timeout);
    Args.channel(channel);
    MainFuture<Object> future = new MainFuture<>(mainLoop);
    ValueCodec renderer = contents.link.rendererValues(); // in process: the arguments are copied for it here
    byte[] payload = null;
    Object[] copy = null;
    Throwable undecodable = null;
    int bytes;
    try {
      if (renderer == null) {
        payload = encodeArgs(args, true);
        bytes = payload.length;
      } else {
        ensureAlive();
        try {
          copy = contents.values().copyArgs(args, renderer);
        } catch (ValueCodec.Undecodable e) {
          undecodable = e.getCause(); // the renderer answers the call with it, as if it had decoded them
        }
        bytes = contents.values().copiedBytes();
      }
    } catch (RuntimeException e) { // nothing was sent
      future.settle(null, e);
      return future;
    }
    Call call = new Call(newCallId(), channel, timeout, future);
    call.event = IpcCallEvent.begin("invoke", Outcomes.TO_RENDERER, channel, contents.id, frameId, bytes);
    pending.add(call);
    future.onCancel(call);
    scheduler.callStarted();
    String reason = closedReason;
    if (reason != null) {
      disconnect(call, reason);
      return future;
    }
    try {
      long millis = Message.timeoutMillis(timeout);
      contents.link.toRenderer(renderer == null
          ? new Message.CallRenderer(call.id, frameId, channel, millis, payload, AsIs.isArgument(payload, args))
          : new Message.CallRendererCopy(call.id, frameId, channel, millis, copy, undecodable));
    } catch (RuntimeException e) { // refused (too large to frame, say): the call fails with why, not at its deadline
      end(call, null, e);
    }
    return future;
  }

  /**
   * The renderer's answer, framed or copied: on the main loop, or in process on the renderer's thread when nothing
   * the renderer sent before it still waits for the loop (the future is still completed on the loop; see
   * {@link MainFuture#settle}).
   */
  void answer(Message.RendererAnswer answer) {
    Call call = pending.get(answer.callId());
    if (call == null) {
      return; // late (timed out) or never asked: dropped
    }
    if (answer instanceof Message.RendererReplyCopy copy) { // in process: the renderer's thread copied the value
      call.answerBytes = copy.payloadBytes();
      end(call, copy.value(), null);
      return;
    }
    Message.RendererReply reply = (Message.RendererReply) answer;
    call.answerBytes = reply.payload().length;
    Object value = null;
    Throwable failure = null;
    try {
      if (reply.ok()) {
        value = AsIs.answer(reply, contents.values());
      } else {
        failure = RemoteFailure.of(call.channel, reply.payload(), contents.values());
      }
    } catch (Throwable t) { // a value that does not decode fails its call, never the loop
      failure = t;
    }
    end(call, value, failure);
  }

  /** Times out the calls whose deadline has come; the scheduler's thread. */
  @Override
  public void expire(long nowNanos) {
    pending.forEach(call -> {
      if (nowNanos - call.deadlineNanos >= 0
          && end(call, null, new IpcTimeoutException(call.channel, call.timeout))) {
        tellRenderer(call); // the handler's deadline has passed too: it may stop
      }
    });
  }

  /** Fails every pending call, and every later one, with {@link IpcDisconnectedException}. Idempotent. */
  void close(String reason) {
    if (closedReason == null) {
      closedReason = reason;
    }
    scheduler.unwatch(this);
    pending.forEach(call -> disconnect(call, reason));
  }

  private void disconnect(Call call, String reason) {
    end(call, null, new IpcDisconnectedException(reason + "; the call on '" + call.channel + "' cannot complete"));
  }

  /** Ends the call with this outcome; false if it had ended already. */
  private boolean end(Call call, Object value, Throwable failure) {
    if (!forget(call)) {
      return false;
    }
    if (call.event != null) {
      call.event.finish(call.answerBytes, Outcomes.of(failure), Outcomes.typeOf(failure));
    }
    call.future.settle(value, failure);
    return true;
  }

  /** The call's future was cancelled: it ends here, and the renderer's handler learns of it, unless it had ended. */
  private void abandon(Call call) {
    if (forget(call)) {
      if (call.event != null) {
        call.event.finish(0, Outcomes.CANCELLED, null);
      }
      tellRenderer(call); // its late reply finds no call and is dropped
    }
  }

  private boolean forget(Call call) {
    if (!pending.remove(call)) {
      return false;
    }
    scheduler.callEnded();
    return true;
  }

  private void tellRenderer(Call call) {
    try {
      contents.link.toRenderer(new Message.CancelCall(call.id));
    } catch (RuntimeException e) { // the renderer is gone: no handler is left to stop
      Failures.log(System.Logger.Level.DEBUG, "ipc4j: the cancel of the call on '" + call.channel
          + "' could not be sent", e);
    }
  }
}
