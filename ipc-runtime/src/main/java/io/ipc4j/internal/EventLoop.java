package io.ipc4j.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One thread that runs tasks in the order they were submitted, like Node's event loop. When it runs out of work
 * it spins for a bounded time, then yields, then parks: a task that arrives soon is picked up in about a
 * microsecond, and an idle loop uses no CPU.
 */
final class EventLoop implements Executor {
  private static final System.Logger LOG = System.getLogger("io.ipc4j");

  private final TaskQueue queue = new TaskQueue();
  private final AtomicBoolean parked = new AtomicBoolean();
  private final BooleanSupplier empty = queue::isEmpty;
  private final long spinNanos;
  private final Thread thread;
  private volatile boolean running = true;

  EventLoop(String name, long spinNanos) {
    this.spinNanos = spinNanos;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a task; after {@link #shutdown()} the task is dropped. */
  @Override
  public void execute(Runnable task) {
    if (!running) {
      return;
    }
    queue.offer(task);
    if (parked.get()) {
      LockSupport.unpark(thread);
    }
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  boolean isRunning() {
    return running;
  }

  /** Runs what is queued, then ends the thread. Safe to call from the loop itself. */
  void shutdown() {
    running = false;
    LockSupport.unpark(thread);
  }

  /** Waits (with a deadline) for the thread to end; returns at once when called from the loop. */
  void awaitTermination(long millis) {
    if (inLoop()) {
      return;
    }
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (true) {
      Runnable task = queue.poll();
      if (task != null) {
        runSafely(task);
      } else if (!running) {
        return;
      } else {
        idle();
      }
    }
  }

  private void idle() {
    if (Backoff.spinUntil(empty, spinNanos)) {
      return;
    }
    parked.set(true);
    try {
      if (queue.isEmpty() && running) {
        LockSupport.park(this);
      }
    } finally {
      parked.set(false);
    }
  }

  private static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      LOG.log(Level.ERROR, "ipc4j event loop task failed", t);
    }
  }
}
