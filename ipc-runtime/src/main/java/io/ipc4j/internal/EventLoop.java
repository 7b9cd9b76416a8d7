package io.ipc4j.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One thread that runs tasks in the order they were submitted, like Node's event loop. When it runs out of work
 * it spins for a bounded time, then yields, then parks: a task that arrives soon is picked up in about a
 * microsecond, and an idle loop uses no CPU. A loop with a {@link Poller} also reads sockets itself: it polls them
 * between tasks and while it spins, and waits on them instead of parking.
 */
final class EventLoop implements Executor {
  private static final System.Logger LOG = System.getLogger("io.ipc4j");

  /** How many tasks in a row may run before the loop polls its sockets. */
  private static final int TASKS_PER_POLL = 64;

  private final TaskQueue queue = new TaskQueue();
  private final AtomicBoolean parked = new Padded.Flag();
  private final BooleanSupplier empty = queue::isEmpty;
  private final SpinBudget spin;
  private final Poller poller;
  private final Thread thread;
  private volatile boolean running = true;

  EventLoop(String name, long spinNanos) {
    this(name, spinNanos, false);
  }

  /**
   * @param polling whether the loop serves sockets through a {@link Poller}
   */
  EventLoop(String name, long spinNanos, boolean polling) {
    this.spin = new SpinBudget(spinNanos);
    this.poller = polling ? new Poller() : null;
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
      wake();
    }
  }

  private void wake() {
    if (poller != null) {
      poller.wakeUp();
    } else {
      LockSupport.unpark(thread);
    }
  }

  /** The sockets this loop serves, or null if it serves none. */
  Poller poller() {
    return poller;
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
    wake();
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
    try {
      int sincePoll = 0;
      while (true) {
        Runnable task = queue.poll();
        if (task != null) {
          runSafely(task);
          if (poller != null && ++sincePoll == TASKS_PER_POLL) {
            sincePoll = 0;
            poller.pollNow(); // sockets get their turn even while tasks keep coming
          }
        } else if (!running) {
          return;
        } else if (poller == null) {
          idle();
        } else {
          sincePoll = 0;
          idlePolling();
        }
      }
    } finally {
      if (poller != null) {
        poller.close();
      }
    }
  }

  private void idle() {
    long budget = spin.next();
    boolean caught = Backoff.spinUntil(empty, budget);
    spin.record(budget, caught);
    if (caught) {
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

  /** Polls the sockets while spinning (each poll is a system call, so there is no busy phase), then waits on them. */
  private void idlePolling() {
    if (poller.pollNow()) {
      return;
    }
    long budget = spin.next();
    long start = System.nanoTime();
    while (System.nanoTime() - start < budget) {
      if (!queue.isEmpty() || poller.pollNow()) {
        spin.record(budget, true);
        return;
      }
      Thread.yield();
    }
    spin.record(budget, false);
    parked.set(true);
    try {
      if (queue.isEmpty() && running) {
        poller.await();
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
