package io.ipc4j.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that runs tasks in the order they were submitted, like Node's event loop. When it runs out of work
 * it spins for a bounded time, then yields, then parks: a task that arrives soon is picked up in about a
 * microsecond, and an idle loop uses no CPU. A loop with a {@link Poller} also reads sockets itself: it polls them
 * between tasks and while it spins, and waits on them instead of parking.
 *
 * <p>Nothing a task throws (an {@code Error} included) ends the loop: it is logged and the loop goes on.
 *
 * <p>A loop with a {@link Scheduler} is reported when one task holds it too long. For that the loop keeps one number,
 * its activity: a fresh multiple of four for every task it starts; its low bits say when it runs no task ({@code
 * 01}, looking for work) or sleeps ({@code 11}). Starting a task costs one ordered write of that number, and looking
 * for work another, to a cache line no other thread writes; the scheduler samples it now and then, and a task number
 * that stays the same is one task that has not ended. Only a loop that had gone to sleep and starts again reads
 * whether the scheduler sleeps too, to wake it.
 */
final class EventLoop implements Executor {

  /** How many tasks in a row may run before the loop polls its sockets. */
  private static final int TASKS_PER_POLL = 64;
  /** Low bits of the activity: the loop runs no task (it looks for work). */
  private static final long BETWEEN_TASKS = 1;
  /** Low bits of the activity: the loop sleeps until work comes. */
  private static final long ASLEEP = 3;

  /** Work that can say what it is, for the blocked-loop warning (only asked when the loop is blocked). */
  interface Labelled {
    String label();
  }

  private final TaskQueue queue = new TaskQueue();
  private final AtomicBoolean parked = new Padded.Flag();
  private final IdleStrategy.Pending empty = queue::isEmpty;
  /** No task queued and, for a polling loop, no socket had anything (what one had is handled in passing). */
  private final IdleStrategy.Pending nothingToDo;
  private final IdleStrategy idle;
  private final Poller poller;
  private final Scheduler scheduler;
  private final Activity activity = new Activity();
  private final Thread thread;
  private volatile boolean running = true;

  EventLoop(String name, long spinNanos) {
    this(name, spinNanos, false);
  }

  /**
   * @param polling whether the loop serves sockets through a {@link Poller}
   */
  EventLoop(String name, long spinNanos, boolean polling) {
    this(name, spinNanos, polling, null, null);
  }

  /**
   * @param polling whether the loop serves sockets through a {@link Poller}
   * @param scheduler what reports this loop when a task blocks it, or null
   * @param advice what the warning tells the user to do about a blocked loop
   */
  EventLoop(String name, long spinNanos, boolean polling, Scheduler scheduler, String advice) {
    this.idle = new IdleStrategy(spinNanos, polling ? 0 : IdleStrategy.BUSY_CHECKS);
    this.poller = polling ? new Poller() : null;
    this.nothingToDo = polling ? () -> queue.isEmpty() && !poller.pollNow() : empty;
    this.scheduler = scheduler;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    if (scheduler != null) {
      scheduler.watch(this, advice);
    }
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
        try {
          Runnable task = queue.poll();
          if (task != null) {
            begin(nextTask());
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
        } catch (Throwable t) {
          // What the loop runs between tasks (a socket's handling, a wait) failed: the loop must outlive it.
          Failures.log(Level.ERROR, "ipc4j event loop " + thread.getName() + " caught a failure; it goes on", t);
        }
      }
    } finally {
      activity.set(activity.getPlain() | ASLEEP);
      if (scheduler != null) {
        scheduler.unwatch(this);
      }
      if (poller != null) {
        poller.close();
      }
    }
  }

  /**
   * Waits for work: spins while it pays (see {@link IdleStrategy}), then parks, or for a polling loop waits on its
   * sockets. A polling loop's spin polls the sockets too; each poll is a system call, so it has no busy phase.
   */
  private void idle() {
    if (!nothingToDo.isPending()) {
      return; // work came at once: no spin, nothing for the budget to learn
    }
    activity.setRelease(activity.getPlain() | BETWEEN_TASKS);
    if (idle.spinWhile(nothingToDo)) {
      return;
    }
    parked.set(true);
    try {
      if (queue.isEmpty() && running) {
        activity.setRelease(activity.getPlain() | ASLEEP); // the scheduler may sleep too
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
      Failures.log(Level.ERROR, "ipc4j event loop task failed", t);
    }
  }

  /** The activity of the next task: a fresh multiple of four, whatever the loop was doing. */
  private long nextTask() {
    return (activity.getPlain() | ASLEEP) + 1;
  }

  /**
   * Publishes that a task with this activity starts; the loop thread only. A loop that had gone to sleep publishes
   * with a volatile write and then wakes the scheduler if it sleeps: one of the two sees the other.
   */
  private void begin(long next) {
    Activity a = activity;
    if ((a.getPlain() & ASLEEP) != ASLEEP) {
      a.setRelease(next);
    } else {
      a.set(next);
      if (scheduler != null) {
        scheduler.loopBusy();
      }
    }
  }

  /**
   * Says that the loop, inside a poll, starts running user work about {@code label} (a frame a socket delivered):
   * such work is a task of its own for the blocked-loop check. Loop thread only.
   */
  void working(Labelled label) {
    long next = nextTask();
    Activity a = activity;
    a.label = label;
    a.labelledAt = next;
    begin(next); // an ordered write: the scheduler that sees this activity sees the label too
  }

  /** The loop's activity: the number of the task it runs, or that number with a low bit or two set. */
  long activity() {
    return activity.get();
  }

  /** Whether a loop with this activity runs a task. */
  static boolean inTask(long activity) {
    return (activity & ASLEEP) == 0;
  }

  /** Whether a loop with this activity sleeps until work comes. */
  static boolean isAsleep(long activity) {
    return (activity & ASLEEP) == ASLEEP;
  }

  /**
   * What the task with this activity is about, as far as the loop knows; for diagnostics, from any thread (read
   * after {@link #activity()} returned that activity, it is the task's or a later one's).
   */
  Object labelOf(long activity) {
    Activity a = this.activity;
    return a.labelledAt == activity ? a.label : queue.current();
  }

  Thread thread() {
    return thread;
  }

  String name() {
    return thread.getName();
  }

  /** The scheduler this loop reports to, or null. */
  Scheduler scheduler() {
    return scheduler;
  }

  /**
   * The loop's activity and the label of the work that a poll runs, alone on their cache line: the loop writes them
   * with every task, and no other thread writes near them.
   */
  @SuppressWarnings("unused")
  private static final class Activity extends AtomicLong {
    private static final long serialVersionUID = 1L;
    Object label;
    long labelledAt;
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13;

    Activity() {
      super(ASLEEP); // until the first task
    }
  }
}
