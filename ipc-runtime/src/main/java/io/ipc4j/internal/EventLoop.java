package io.ipc4j.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that runs tasks in the order they were submitted, like Node's event loop. When it runs out of work
 * it spins for a bounded time, then yields, then sleeps (see {@link IdleStrategy}): a task that arrives soon is
 * picked up in about a microsecond, and an idle loop uses no CPU. A plain loop sleeps parked; a {@link PollingLoop}
 * also reads sockets itself, and sleeps waiting on them.
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
abstract class EventLoop implements Executor {

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
  /** What the idle loop spins on: no task queued and nothing else to do (made once: a wait makes no lambda). */
  private final IdleStrategy.Pending nothingToDo = this::nothingToDo;
  private final IdleStrategy idle;
  /** How a thread outside the loop that blocks on something the loop completes spins before it parks. */
  private final IdleStrategy waiters;
  private final Scheduler scheduler;
  private final Activity activity = new Activity();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Starts a loop.
   *
   * @param polling whether the loop serves sockets (a {@link PollingLoop})
   * @param scheduler what reports this loop when a task blocks it, or null
   * @param advice what the warning tells the user to do about a blocked loop
   */
  static EventLoop start(String name, long spinNanos, boolean polling, Scheduler scheduler, String advice) {
    EventLoop loop = polling ? new PollingLoop(name, spinNanos, scheduler) : new Plain(name, spinNanos, scheduler);
    if (scheduler != null) {
      scheduler.watch(loop, advice);
    }
    loop.thread.start(); // only now: the subclass's fields are set
    return loop;
  }

  /** @param busyChecks how many checks the idle loop spins busily before it yields (see {@link IdleStrategy}) */
  EventLoop(String name, long spinNanos, int busyChecks, Scheduler scheduler) {
    this.idle = new IdleStrategy(spinNanos, busyChecks);
    this.waiters = new IdleStrategy(spinNanos);
    this.scheduler = scheduler;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /** Whether the loop has nothing to do; the loop thread only (a polling loop handles what its sockets have). */
  abstract boolean nothingToDo();

  /**
   * The check made as the loop runs out of tasks, before it spins or sleeps: {@link #nothingToDo()} unless that
   * costs a system call (a polling loop's sockets are looked at by its spin, or by the sleep, which does not wait
   * when one is ready).
   */
  boolean nothingQueued() {
    return nothingToDo();
  }

  /** Sleeps until {@link #wake()} or work comes; the loop thread only. */
  abstract void sleep();

  /** Ends a {@link #sleep()}; any thread. */
  abstract void wake();

  /** Runs after each task; the loop thread only. */
  void afterTask() {}

  /** Runs when the loop ends, on its thread. */
  void stopped() {}

  /** The sockets this loop serves, or null if it serves none. */
  Poller poller() {
    return null;
  }

  /** Hands each task queued now to {@code action}, oldest first, leaving it queued; the loop thread only. */
  final void forEachQueued(java.util.function.Consumer<Runnable> action) {
    queue.forEachQueued(action);
  }

  /** Whether no task is queued; the loop thread only. */
  final boolean noTasks() {
    return queue.isEmpty();
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

  /**
   * Runs a callback on this loop: right here when this is the loop (or the loop has stopped), else queued. One per
   * loop, so a future whose callbacks run here needs no executor of its own.
   */
  private final Executor callbacks = task -> {
    if (inLoop()) {
      task.run();
      return;
    }
    AtomicBoolean ran = new AtomicBoolean();
    Runnable once = () -> {
      if (ran.compareAndSet(false, true)) {
        task.run();
      }
    };
    execute(once);
    if (!isRunning()) {
      once.run(); // the loop may have stopped before taking it: it runs here then, and only once either way
    }
  };

  /** The executor that runs callbacks on this loop (see {@link #callbacks}). */
  Executor callbacks() {
    return callbacks;
  }

  /** The idle strategy of threads that block, outside the loop, until the loop completes what they wait for. */
  IdleStrategy waiters() {
    return waiters;
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
      while (true) {
        try {
          Runnable task = queue.poll();
          if (task != null) {
            begin(nextTask());
            runSafely(task);
            afterTask();
          } else if (!running) {
            return;
          } else {
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
      stopped();
    }
  }

  /** Waits for work: spins while it pays (see {@link IdleStrategy}), then sleeps until work comes. */
  private void idle() {
    if (!nothingQueued()) {
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
        sleep();
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

  /** A loop that only runs tasks, and sleeps parked. */
  private static final class Plain extends EventLoop {
    Plain(String name, long spinNanos, Scheduler scheduler) {
      super(name, spinNanos, IdleStrategy.BUSY_CHECKS, scheduler);
    }

    @Override
    boolean nothingToDo() {
      return noTasks();
    }

    @Override
    void sleep() {
      LockSupport.park(this);
    }

    @Override
    void wake() {
      LockSupport.unpark(thread());
    }
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
