package io.ipc4j.internal;

import io.ipc4j.IpcMainEvent;
import io.ipc4j.IpcMainInvokeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** The event of one message in the main process: an {@link IpcMainEvent} and an {@link IpcMainInvokeEvent}. */
final class MainEvent extends SenderEvent implements IpcMainEvent, IpcMainInvokeEvent {
  private final long syncCallId;
  private final AtomicBoolean answered;
  /** When an invoke arrived ({@link System#nanoTime()}), and how long its caller waits; 0 for other messages. */
  private final long arrivedNanos;
  private final long timeoutMillis;
  private volatile boolean cancelled;
  /** What the handler of an invoke returned while it is pending, to cancel with the call. */
  private volatile CompletionStage<?> work;
  /** Told when a sendSync's answer goes out, while an interceptor or a recording observes the message. */
  private volatile Interception observer;

  /** @param syncCallId the call id of a {@code sendSync} message, or -1 */
  MainEvent(WebContentsImpl sender, WebFrameMainImpl frame, String channel, long syncCallId) {
    this(sender, frame, channel, syncCallId, 0);
  }

  /** The event of an invoke whose caller waits {@code timeoutMillis}. */
  MainEvent(WebContentsImpl sender, WebFrameMainImpl frame, String channel, long syncCallId, long timeoutMillis) {
    super(sender, frame, channel);
    this.syncCallId = syncCallId;
    this.answered = syncCallId >= 0 ? new AtomicBoolean() : null;
    this.timeoutMillis = timeoutMillis;
    this.arrivedNanos = timeoutMillis > 0 ? System.nanoTime() : 0;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public Instant deadline() {
    // Kept as a monotonic arrival time, turned into wall-clock time only when asked: most handlers never ask.
    try {
      long left = Duration.ofMillis(timeoutMillis).toNanos() - (System.nanoTime() - arrivedNanos);
      return Instant.now().plusNanos(left);
    } catch (ArithmeticException | java.time.DateTimeException e) { // a wait of centuries: it never ends
      return Instant.MAX;
    }
  }

  void observedBy(Interception seen) {
    observer = seen;
  }

  /** Keeps what an invoke's handler returned, so that a cancel can reach it. */
  void working(CompletionStage<?> stage) {
    work = stage;
  }

  /** The caller abandoned the call: marks it cancelled and cancels the handler's future, if it returned one. */
  void cancel() {
    cancelled = true;
    if (work instanceof CompletableFuture<?> future) {
      try {
        future.cancel(true);
      } catch (RuntimeException e) { // a stage that refuses cancel (a minimal stage) runs on; its answer is dropped
        Failures.log(System.Logger.Level.DEBUG, "ipc4j: the handler's stage on '" + channel + "' refused cancel", e);
      }
    }
  }

  @Override
  public void reply(String channel, Object... args) {
    frame.send(channel, args);
  }

  @Override
  public boolean isSync() {
    return answered != null;
  }

  @Override
  public boolean hasReturnValue() {
    return answered != null && answered.get();
  }

  @Override
  public void setReturnValue(Object value) {
    if (answered == null) {
      throw new IllegalStateException("setReturnValue answers messages sent with sendSync; the message on '"
          + channel + "' came from send, which expects no answer");
    }
    byte[] payload = sender.values().encodeValue(value);
    if (answered.compareAndSet(false, true)) {
      Interception seen = observer;
      if (seen != null) { // before the answer goes: its sender then knows the interceptors' completions ran
        seen.finish(payload.length, io.ipc4j.internal.jfr.Outcomes.OK, null);
      }
      sender.link.toRenderer(new Message.Reply(syncCallId, true, payload));
    }
  }

  /** Answers a {@code sendSync} nobody answered with a failure; false if it was answered already. */
  boolean fail(String remoteType, String remoteMessage) {
    if (answered == null || !answered.compareAndSet(false, true)) {
      return false;
    }
    sender.link.toRenderer(Message.Reply.failed(syncCallId, remoteType, remoteMessage, sender.values()));
    return true;
  }

  @Override
  public String toString() {
    return "IpcMainEvent[" + channel + " from " + frame + "]";
  }
}
