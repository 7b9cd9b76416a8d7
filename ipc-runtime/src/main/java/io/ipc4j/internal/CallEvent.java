package io.ipc4j.internal;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the event of an invoke's handler knows of its caller, in either direction ({@link MainEvent},
 * {@link RendererEvent}): how long the caller waits, whether it has stopped waiting, and the stage the handler
 * returned (so that the caller's cancel reaches it). The event of a message nobody waits on is never cancelled and
 * has no deadline.
 */
abstract class CallEvent implements Replies.Answering {
  /** A wait this long ({@link Args#LONGEST_WAIT}, the longest a deadline counts) or longer never ends. */
  private static final long NEVER_MILLIS = Args.LONGEST_WAIT.toMillis();

  /** When the caller stops waiting ({@link System#nanoTime()}): kept monotonic until someone asks. */
  private final long deadlineNanos;
  /** Whether anyone waits: false for a message, or for a wait so long it never ends. */
  private final boolean hasDeadline;
  private volatile boolean cancelled;
  /** What the handler returned while it is pending, to cancel with the call. */
  private volatile CompletionStage<?> work;

  /** @param timeoutMillis how long the caller waits from now, or 0 for a message nobody waits on */
  CallEvent(long timeoutMillis) {
    this.hasDeadline = timeoutMillis > 0 && timeoutMillis < NEVER_MILLIS;
    this.deadlineNanos = hasDeadline ? System.nanoTime() + timeoutMillis * 1_000_000 : 0;
  }

  /** The channel the call came on. */
  public abstract String channel();

  /** Whether the caller has stopped waiting (it cancelled, its deadline passed, or its side went). */
  public boolean isCancelled() {
    return cancelled;
  }

  /** The caller's deadline in wall-clock time, as this side sees it; {@link Instant#MAX} if nobody waits. */
  public Instant deadline() {
    if (!hasDeadline) {
      return Instant.MAX;
    }
    return Instant.now().plusNanos(deadlineNanos - System.nanoTime());
  }

  /** Keeps what the handler returned, so that a cancel can reach it; one cancelled already is cancelled now. */
  final void working(CompletionStage<?> stage) {
    work = stage;
    if (cancelled) {
      cancelWork(stage);
    }
  }

  /** The caller stopped waiting (or its side went): marks the call cancelled and cancels the handler's future. */
  final void cancel() {
    cancelled = true;
    CompletionStage<?> stage = work;
    if (stage != null) {
      cancelWork(stage);
    }
  }

  /**
   * As {@link #cancel()}: the handler's stage is told the same whether the caller cancelled or its side went; what
   * observes the call learns first which of the two ended it ({@link #callerStopped}).
   */
  @Override
  public final void cancel(boolean byCaller) {
    callerStopped(byCaller);
    cancel();
  }

  /**
   * The caller stopped waiting for a call whose handler's stage still runs: it cancelled, or its deadline passed
   * ({@code byCaller}), or its side went. Called before the stage is cancelled; nothing by default.
   */
  void callerStopped(boolean byCaller) {}

  private void cancelWork(CompletionStage<?> stage) {
    if (stage instanceof CompletableFuture<?> future) {
      try {
        future.cancel(true);
      } catch (RuntimeException e) { // a stage that refuses cancel (a minimal stage) runs on; its answer is dropped
        Failures.log(System.Logger.Level.DEBUG, "ipc4j: the handler's stage on '" + channel() + "' refused cancel",
            e);
      }
    }
  }
}
