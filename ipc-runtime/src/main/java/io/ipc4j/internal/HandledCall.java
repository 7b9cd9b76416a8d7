package io.ipc4j.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One invoke as the side that handles it sees it, in either direction: how long its caller waits, whether the caller
 * has stopped waiting, and the stage the handler returned (so that the caller's cancel reaches it). The handler's
 * event ({@link MainEvent}, {@link RendererEvent}) answers {@code isCancelled()} and {@code deadline()} from it.
 */
final class HandledCall {
  /** When the call arrived ({@link System#nanoTime()}): the deadline is kept monotonic until someone asks. */
  private final long arrivedNanos;
  private final long timeoutMillis;
  private final String channel;
  private volatile boolean cancelled;
  /** What the handler returned while it is pending, to cancel with the call. */
  private volatile CompletionStage<?> work;

  /** @param timeoutMillis how long the caller waits, from now */
  HandledCall(String channel, long timeoutMillis) {
    this.channel = channel;
    this.timeoutMillis = timeoutMillis;
    this.arrivedNanos = System.nanoTime();
  }

  boolean isCancelled() {
    return cancelled;
  }

  /** The caller's deadline in wall-clock time, as this side sees it. */
  Instant deadline() {
    try {
      long left = Duration.ofMillis(timeoutMillis).toNanos() - (System.nanoTime() - arrivedNanos);
      return Instant.now().plusNanos(left);
    } catch (ArithmeticException | java.time.DateTimeException e) { // a wait of centuries: it never ends
      return Instant.MAX;
    }
  }

  /** Keeps what the handler returned, so that a cancel can reach it; one cancelled already is cancelled now. */
  void working(CompletionStage<?> stage) {
    work = stage;
    if (cancelled) {
      cancelWork(stage);
    }
  }

  /** The caller stopped waiting (or its side went): marks the call cancelled and cancels the handler's future. */
  void cancel() {
    cancelled = true;
    CompletionStage<?> stage = work;
    if (stage != null) {
      cancelWork(stage);
    }
  }

  /**
   * Takes every call out of {@code inFlight} and cancels each: their caller's side is gone. A call another thread
   * takes out first (its stage ended, or a cancel came) is that thread's to end.
   */
  static <T> void cancelAll(java.util.Map<Long, T> inFlight, java.util.function.Consumer<T> cancel) {
    for (Long callId : inFlight.keySet()) {
      T abandoned = inFlight.remove(callId);
      if (abandoned != null) {
        cancel.accept(abandoned);
      }
    }
  }

  private void cancelWork(CompletionStage<?> stage) {
    if (stage instanceof CompletableFuture<?> future) {
      try {
        future.cancel(true);
      } catch (RuntimeException e) { // a stage that refuses cancel (a minimal stage) runs on; its answer is dropped
        Failures.log(System.Logger.Level.DEBUG, "ipc4j: the handler's stage on '" + channel + "' refused cancel", e);
      }
    }
  }
}
