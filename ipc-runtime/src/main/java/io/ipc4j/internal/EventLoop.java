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
  /** No task queued and, for a polling loop, no socket had anything (what one had is handled in passing). */
  private final BooleanSupplier nothingToDo;
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
    this.nothingToDo = polling ? () -> queue.isEmpty() && !poller.pollNow() : empty;
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
        } else {
          sincePoll = 0;
          idle();
        }
      }
    } finally {
      if (poller != null) {
        poller.close();
      }
    }
  }

  /**
   * Waits for work: spins while it pays (see {@link SpinBudget}), then parks, or for a polling loop waits on its
   * sockets. A polling loop's spin polls the sockets too; each poll is a system call, so it has no busy phase.
   */
  private void idle() {
    if (!nothingToDo.getAsBoolean()) {
      return; // work came at once: no spin, nothing for the budget to learn
    }
    long budget = spin.next();
    boolean caught = budget > 0 && Backoff.spinUntil(nothingToDo, budget, poller == null ? Backoff.BUSY_CHECKS : 0);
    spin.record(budget, caught);
    if (caught) {
      return;
    }
    parked.set(true);
    try {
      if (queue.isEmpty() && running) {
        if (poller == null) {
          LockSupport.park(this);
        } else {
          poller.await();
        }
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
