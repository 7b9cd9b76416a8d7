package io.ipc4j.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future that a pending reply completes: the {@link PendingCall} of an {@code invoke} itself, or a stage derived
 * from it. The call completes on the renderer's event loop, so callbacks run there (as promise continuations run in
 * an Electron renderer). A thread that blocks on the call, or on any stage derived from it, takes the reply itself
 * instead of waiting for the loop: blocking from inside a renderer listener cannot deadlock. A stage that needs more
 * calls than its own (a {@code thenCompose}) is waited for on the loop's thread by settling those calls there.
 *
 * <p>What taking the reply means is up to the call ({@link #takeReply()} and its kin); a derived stage asks its call.
 *
 * @param <T> the value type
 */
abstract class ReplyFuture<T> extends CompletableFuture<T> {

  /** Waits, ignoring interrupts (the status is kept), until the call ended and its own future is settled. */
  abstract void takeReply();

  /**
   * Waits until the call ended and its own future is settled, or the time runs out, or an interrupt comes; the
   * call's deadline always ends the wait.
   *
   * @param unit the unit of {@code timeout}, or null to wait for the call's end (its deadline included) only
   * @throws TimeoutException if {@code untilNanos} (a {@link System#nanoTime()} value) passed with the call pending
   * @throws InterruptedException if interrupted first; the call stays pending
   */
  abstract void takeReply(long untilNanos, long timeout, TimeUnit unit)
      throws InterruptedException, TimeoutException;

  /** Settles the call's own future if the call has ended; never waits for the call. */
  abstract void settleIfEnded();

  /**
   * After the call's reply was taken: waits for what else this future needs, where waiting as {@link
   * CompletableFuture} does could never end (see {@link CallOwner#settleWhileWaiting}). Nothing to do for a call.
   */
  void awaitRest(long untilNanos, boolean timed, boolean interruptible) {}

  /** Whether this future itself is complete, without taking the call's outcome (for tests and checks). */
  final boolean isSettled() {
    return super.isDone();
  }

  /**
   * Waits until this future is complete; used on the call's own future by a thread that found another one
   * settling it. That thread only decodes and completes, so the wait is short; it ignores interrupts (keeping the
   * interrupt status) so that a caller never sees the future between the call's end and its settling.
   */
  final void awaitSettled() {
    if (super.isDone()) {
      return;
    }
    try {
      super.join();
    } catch (CancellationException | CompletionException e) {
      // complete: the caller reads the outcome itself
    }
  }

  /** Stages derived from this future are reply futures of the same call: blocking on them takes its reply too. */
  @Override
  public final <U> CompletableFuture<U> newIncompleteFuture() {
    return new Stage<>(this);
  }

  /** Takes the reply on this thread if this future is not complete yet; then as {@link CompletableFuture#join()}. */
  @Override
  public final T join() {
    if (!super.isDone()) {
      takeReply();
      awaitRest(0, false, false);
    }
    return super.join();
  }

  /**
   * Takes the reply on this thread if this future is not complete yet (an interrupt ends the wait and leaves the call
   * pending); then as {@link CompletableFuture#get()}.
   */
  @Override
  public final T get() throws InterruptedException, ExecutionException {
    if (!super.isDone()) {
      try {
        takeReply(0, 0, null);
      } catch (TimeoutException e) {
        throw new AssertionError("only a timed wait gives up", e);
      }
      awaitRest(0, false, true);
    }
    return super.get();
  }

  /**
   * Waits at most the given time for the call to end. Once it has ended this returns its outcome, even if the time
   * ran out while the renderer's loop was settling the future; only a call still pending gives a
   * {@link TimeoutException}. A stage derived from the call waits what remains of the time for itself.
   */
  @Override
  public final T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    long until = System.nanoTime() + unit.toNanos(timeout);
    if (!super.isDone()) {
      takeReply(until, timeout, unit);
      awaitRest(until, true, true);
    }
    return super.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** Settles the call's future first if the call has ended; never waits for the call. */
  @Override
  public final T getNow(T valueIfAbsent) {
    if (!super.isDone()) {
      settleIfEnded();
    }
    return super.getNow(valueIfAbsent);
  }

  /** Whether the call has ended (its future is settled first, so a done future has its outcome). */
  @Override
  public final boolean isDone() {
    if (!super.isDone()) {
      settleIfEnded();
    }
    return super.isDone();
  }

  /** A stage derived from a call's future: blocking on it takes the call's reply first. */
  private static final class Stage<T> extends ReplyFuture<T> {
    private final ReplyFuture<?> call;

    Stage(ReplyFuture<?> from) {
      this.call = from instanceof Stage<?> s ? s.call : from;
    }

    @Override
    void takeReply() {
      call.takeReply();
    }

    @Override
    void takeReply(long untilNanos, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
      call.takeReply(untilNanos, timeout, unit);
    }

    @Override
    void settleIfEnded() {
      call.settleIfEnded();
    }

    @Override
    void awaitRest(long untilNanos, boolean timed, boolean interruptible) {
      if (call instanceof PendingCall c) {
        c.core.settleWhileWaiting(this, untilNanos, timed, interruptible);
      }
    }
  }
}
