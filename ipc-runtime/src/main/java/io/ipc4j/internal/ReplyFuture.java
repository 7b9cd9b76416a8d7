package io.ipc4j.internal;

import java.util.concurrent.CompletableFuture;
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

  private void takeReply() {
    if (!super.isDone()) {
      call.awaitDone();
      call.settle();
    }
  }

  @Override
  public T join() {
    takeReply();
    return super.join();
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    takeReply();
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    if (!super.isDone()) {
      if (!call.awaitDone(System.nanoTime() + unit.toNanos(timeout))) {
        throw new TimeoutException("No reply on '" + call.channel + "' within " + timeout + " " + unit);
      }
      call.settle();
    }
    return super.get(0, TimeUnit.NANOSECONDS);
  }

  @Override
  public T getNow(T valueIfAbsent) {
    if (!super.isDone() && call.isDone()) {
      call.settle();
    }
    return super.getNow(valueIfAbsent);
  }

  @Override
  public boolean isDone() {
    if (!super.isDone() && call.isDone()) {
      call.settle();
    }
    return super.isDone();
  }

  /** Cancelling the call's own future abandons the call: a late reply is dropped. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled && call.isFutureOf(this)) {
      call.cancel();
    }
    return cancelled;
  }
}
