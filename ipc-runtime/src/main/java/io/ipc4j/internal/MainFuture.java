package io.ipc4j.internal;

import io.ipc4j.IpcException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The future of a call the main process makes to a renderer, and of every stage made from it: it is completed on the
 * main loop, and its callbacks run there whenever they are added (the {@code Async} forms keep the executor they
 * name). Blocking on it from the main loop, which would have to handle the very reply it waits for, fails at once
 * instead of deadlocking.
 *
 * @param <T> the value's type
 */
final class MainFuture<T> extends CompletableFuture<T> implements IdleStrategy.Pending {
  private final EventLoop mainLoop;
  /** Runs a callback on the main loop: right here when this is the loop (or the loop has stopped), else queued. */
  private final Executor onLoop;
  /** What a successful {@link #cancel} also does (the call it waits on is abandoned), or null. */
  private volatile Runnable onCancel;
  /**
   * The call's outcome, handed over by {@link #settle} before the loop completes this future: a thread blocked on it
   * takes it at once instead of waiting for the loop's turn. Written before {@link #answered}, read after it.
   */
  private T answerValue;
  private Throwable answerFailure;
  private volatile boolean answered;
  /** Threads spinning for the answer (see awaitBriefly); guarded by this. */
  private int spinning;

  MainFuture(EventLoop mainLoop) {
    this.mainLoop = mainLoop;
    this.onLoop = mainLoop.callbacks();
  }

  // A callback added after the answer came would run on the adding thread; these run it on the main loop always.

  @Override
  public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
    return thenApplyAsync(fn, onLoop);
  }

  @Override
  public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
    return thenAcceptAsync(action, onLoop);
  }

  @Override
  public CompletableFuture<Void> thenRun(Runnable action) {
    return thenRunAsync(action, onLoop);
  }

  @Override
  public <U, V> CompletableFuture<V> thenCombine(CompletionStage<? extends U> other,
      BiFunction<? super T, ? super U, ? extends V> fn) {
    return thenCombineAsync(other, fn, onLoop);
  }

  @Override
  public <U> CompletableFuture<Void> thenAcceptBoth(CompletionStage<? extends U> other,
      BiConsumer<? super T, ? super U> action) {
    return thenAcceptBothAsync(other, action, onLoop);
  }

  @Override
  public CompletableFuture<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
    return runAfterBothAsync(other, action, onLoop);
  }

  @Override
  public <U> CompletableFuture<U> applyToEither(CompletionStage<? extends T> other, Function<? super T, U> fn) {
    return applyToEitherAsync(other, fn, onLoop);
  }

  @Override
  public CompletableFuture<Void> acceptEither(CompletionStage<? extends T> other, Consumer<? super T> action) {
    return acceptEitherAsync(other, action, onLoop);
  }

  @Override
  public CompletableFuture<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
    return runAfterEitherAsync(other, action, onLoop);
  }

  @Override
  public <U> CompletableFuture<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
    return thenComposeAsync(fn, onLoop);
  }

  @Override
  public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
    return handleAsync(fn, onLoop);
  }

  @Override
  public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
    return whenCompleteAsync(action, onLoop);
  }

  @Override
  public CompletableFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
    return exceptionallyAsync(fn, onLoop);
  }

  @Override
  public CompletableFuture<T> exceptionallyCompose(Function<Throwable, ? extends CompletionStage<T>> fn) {
    return exceptionallyComposeAsync(fn, onLoop);
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new MainFuture<>(mainLoop);
  }

  // A blocked thread takes the outcome as soon as the call has it (see answerValue); the future itself completes on
  // the loop a moment later, so its callbacks, and those of anything built from it, still run there.

  @Override
  public T get() throws InterruptedException, ExecutionException {
    awaitBriefly();
    if (answeredNotCompleted()) {
      if (answerFailure != null) {
        throw new ExecutionException(answerFailure);
      }
      return answerValue;
    }
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    awaitBriefly();
    if (answeredNotCompleted()) {
      return get();
    }
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    awaitBriefly();
    if (answeredNotCompleted()) {
      if (answerFailure != null) {
        throw answerFailure instanceof CompletionException c ? c : new CompletionException(answerFailure);
      }
      return answerValue;
    }
    return super.join();
  }

  @Override
  public T getNow(T valueIfAbsent) {
    return answeredNotCompleted() ? join() : super.getNow(valueIfAbsent);
  }

  /** Done once the call has its outcome, even while the loop has still to complete this future. */
  @Override
  public boolean isDone() {
    return answered || super.isDone();
  }

  @Override
  public boolean isCompletedExceptionally() {
    return answeredNotCompleted() ? answerFailure != null : super.isCompletedExceptionally();
  }

  /** Whether this future is still incomplete, as a spinning waiter sees it. */
  @Override
  public boolean isPending() {
    return !isDone();
  }

  private boolean answeredNotCompleted() {
    return answered && !super.isDone();
  }

  /**
   * Refuses to block the main loop; elsewhere spins for the answer as a renderer's caller does (see
   * {@link IdleStrategy}) before the blocking wait parks: an answer that comes within microseconds then costs no
   * thread wake-up, which would cost more than the whole call.
   */
  private void awaitBriefly() {
    refuseBlockingOnMainLoop();
    if (isDone()) {
      return;
    }
    synchronized (this) {
      spinning++;
    }
    try {
      mainLoop.waiters().spinWhile(this);
    } finally {
      boolean mine;
      synchronized (this) {
        spinning--;
        mine = answered && !super.isDone();
      }
      if (mine) { // the answer came while this thread spun: it completes the future, and the loop need not wake
        completeWithAnswer();
      }
    }
  }

  private void completeWithAnswer() {
    if (answerFailure != null) {
      completeExceptionally(answerFailure);
    } else {
      complete(answerValue);
    }
  }

  /**
   * Cancels this future, and abandons the call it waits on (the renderer learns of it), unless it is done already:
   * a call that has its answer keeps it, and the cancel fails, as it does on any completed future.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled;
    synchronized (this) { // one of this and settle wins, so no thread takes an answer from a cancelled future
      if (answered) {
        return false; // the call has its answer, which a blocked thread may have taken already: it keeps it
      }
      cancelled = super.cancel(mayInterruptIfRunning);
    }
    Runnable hook = onCancel;
    if (cancelled && hook != null) {
      hook.run();
    }
    return cancelled;
  }

  /** Sets what a successful {@link #cancel} of this future also does; a dependent stage has none. */
  void onCancel(Runnable hook) {
    onCancel = hook;
  }

  /**
   * Settles this future: a blocked thread may take the outcome at once. The future completes on the main loop (or
   * here if that loop has stopped, so it is always settled); or, when a thread outside the loop is spinning for the
   * answer, on that thread as it stops, so the loop is not woken for a future nobody else watches. Its callbacks
   * run on the main loop either way.
   */
  void settle(T value, Throwable failure) {
    synchronized (this) {
      if (super.isDone()) {
        return; // cancelled (or timed out by the user's orTimeout) first: it stays so
      }
      answerValue = value;
      answerFailure = failure;
      answered = true;
      if (spinning > 0 && !mainLoop.inLoop()) {
        return; // a spinning thread takes the answer and completes the future as it stops spinning
      }
    }
    onLoop.execute(this::completeWithAnswer);
  }

  private void refuseBlockingOnMainLoop() {
    if (!isDone() && mainLoop.inLoop()) {
      throw new IpcException("Blocking on a renderer's answer on the main event loop would wait for itself: the "
          + "answer is handled on this loop. Return the future from the handler (or use its callbacks) instead.");
    }
  }
}
