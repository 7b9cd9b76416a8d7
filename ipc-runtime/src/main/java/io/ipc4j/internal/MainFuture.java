package io.ipc4j.internal;

import io.ipc4j.IpcException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a call the main process makes to a renderer, and of every stage made from it: it is completed on the
 * main loop (so its callbacks run there), and blocking on it from the main loop, which would have to handle the very
 * reply it waits for, fails at once instead of deadlocking.
 *
 * @param <T> the value's type
 */
final class MainFuture<T> extends CompletableFuture<T> {
  private final EventLoop mainLoop;

  MainFuture(EventLoop mainLoop) {
    this.mainLoop = mainLoop;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new MainFuture<>(mainLoop);
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    refuseBlockingOnMainLoop();
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    refuseBlockingOnMainLoop();
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    refuseBlockingOnMainLoop();
    return super.join();
  }

  /** Settles this future on the main loop, or here if that loop has stopped (so it is always settled). */
  void settle(T value, Throwable failure) {
    Runnable task = () -> {
      if (failure != null) {
        completeExceptionally(failure);
      } else {
        complete(value);
      }
    };
    if (mainLoop.inLoop()) {
      task.run();
      return;
    }
    mainLoop.execute(task);
    if (!mainLoop.isRunning()) {
      task.run(); // the loop may have stopped before taking it: settling twice is harmless, never settling is not
    }
  }

  private void refuseBlockingOnMainLoop() {
    if (!isDone() && mainLoop.inLoop()) {
      throw new IpcException("Blocking on a renderer's answer on the main event loop would wait for itself: the "
          + "answer is handled on this loop. Return the future from the handler (or use its callbacks) instead.");
    }
  }
}
