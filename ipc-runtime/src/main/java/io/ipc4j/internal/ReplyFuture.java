package io.ipc4j.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of an {@code invoke}. It completes on the renderer's event loop, so callbacks run there (as promise
 * continuations run in an Electron renderer). A thread that blocks on it, or on any future derived from it, takes
 * the reply itself instead of waiting for the loop: blocking from inside a renderer listener cannot deadlock.
 *
 * @param <T> the value type
 */
final class ReplyFuture<T> extends CompletableFuture<T> {
  private final PendingCall call;

  ReplyFuture(PendingCall call) {
    this.call = call;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new ReplyFuture<>(call);
  }

  @SuppressWarnings("unchecked")
  void settleWith(Object value, Throwable failure) {
    if (failure == null) {
      super.complete((T) value);
    } else {
      super.completeExceptionally(failure);
    }
  }

  /** Whether this future itself is complete, without taking the call's outcome (for tests and checks). */
  boolean isSettled() {
    return super.isDone();
  }

  /**
   * Waits until this future is complete; used on the call's own future by a thread that found another one
   * settling it. That thread only decodes and completes, so the wait is short; it ignores interrupts (keeping the
   * interrupt status) so that a caller never sees the future between the call's end and its settling.
   */
  void awaitSettled() {
    if (super.isDone()) {
      return;
    }
    try {
      super.join();
    } catch (CancellationException | CompletionException e) {
      // complete: the caller reads the outcome itself
    }
  }

  /** Takes the reply (or the call's end) on this thread and settles the call's future from it. */
  private void takeReply() {
    if (!super.isDone()) {
      call.awaitDone();
      call.settleAndAwait();
    }
  }

  @Override
  public T join() {
    takeReply();
    return super.join();
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    if (!super.isDone()) {
      if (call.awaitDone(call.deadlineNanos, true) == PendingCall.INTERRUPTED) {
        throw new InterruptedException("Interrupted while waiting for the reply on '" + call.channel + "'");
      }
      call.settleAndAwait();
    }
    return super.get();
  }

  /**
   * Waits at most the given time for the call to end. Once it has ended this returns its outcome, even if the time
   * ran out while the renderer's loop was settling the future; only a call still pending gives a
   * {@link TimeoutException}. A future derived from the call's own future waits what remains of the time for its
   * own stage.
   */
  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    long until = System.nanoTime() + unit.toNanos(timeout);
    if (!super.isDone()) {
      switch (call.awaitDone(until, true)) {
        case PendingCall.GAVE_UP ->
            throw new TimeoutException("No reply on '" + call.channel + "' within " + timeout + " " + unit);
        case PendingCall.INTERRUPTED ->
            throw new InterruptedException("Interrupted while waiting for the reply on '" + call.channel + "'");
        default -> call.settleAndAwait();
      }
    }
    return super.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  @Override
  public T getNow(T valueIfAbsent) {
    if (!super.isDone() && call.isDone()) {
      call.settleAndAwait();
    }
    return super.getNow(valueIfAbsent);
  }

  @Override
  public boolean isDone() {
    if (!super.isDone() && call.isDone()) {
      call.settleAndAwait();
    }
    return super.isDone();
  }

  /**
   * Cancelling the call's own future abandons the call (a late reply is dropped), but only if the call has not
   * ended already: a call that has its reply keeps it, and the cancel fails, as it does on a completed future.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (call.isFutureOf(this) && !super.isDone() && !call.cancel()) {
      call.settleAndAwait(); // it had ended: the future takes that outcome instead
    }
    return super.cancel(mayInterruptIfRunning);
  }
}
