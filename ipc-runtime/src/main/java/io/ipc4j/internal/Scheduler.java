package io.ipc4j.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The timekeeping thread of one owner: a host (for its main loop, its in-process renderers and its sockets), or the
 * renderer side of a renderer JVM. Every timeout of that owner goes through it:
 * <ul>
 *   <li>it runs {@linkplain #schedule(Duration, Runnable) scheduled tasks} when they are due, in order of their
 *       deadlines (a handshake that takes too long, a grace period that ends); such a task must be short, and hands
 *       longer work to a loop, because every other timeout waits while it runs;
 *   <li>it times out the calls nobody is blocked on (asynchronous {@code invoke}s) of the {@link Deadlines} it
 *       watches; blocked callers time themselves out precisely;
 *   <li>it reports an {@link EventLoop} that one task holds for too long (see {@link LoopWatch}).
 * </ul>
 *
 * <p>The thread starts on first need (the first scheduled task, the first pending call, or the first task a watched
 * loop runs) and ends when the owner closes the scheduler; nothing starts it from a static initializer, so a closed
 * host leaves no thread behind. While no task is scheduled, no call is pending and every watched loop sleeps waiting
 * for work, it sleeps without a timeout (an idle process uses no CPU); otherwise it sleeps until the next task is
 * due, looking every {@value #TICK_MILLIS} ms while calls are pending and every quarter of the warning threshold
 * while a loop is busy. A call costs one counter update when it starts and one when it ends, and wakes the thread
 * only when it sleeps with nothing to watch: waking a thread costs a system call and a core. A loop's task costs an
 * ordered write or two (see {@link EventLoop}). Whatever is thrown while it runs a task, expires calls or checks
 * loops is logged, and the thread goes on.
 */
final class Scheduler {
  static final long TICK_MILLIS = 10;
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);

  /** Calls with deadlines: a renderer's pending calls. */
  interface Deadlines {
    /** Times out every call whose deadline is at or before {@code nowNanos} (a {@link System#nanoTime()}). */
    void expire(long nowNanos);
  }

  private final String name;
  private final long warnNanos;
  private final Set<Deadlines> deadlines = ConcurrentHashMap.newKeySet();
  private final List<LoopWatch> loops = new CopyOnWriteArrayList<>();
  private final AtomicInteger outstanding = new Padded.Int();
  /** Scheduled tasks, the next due first; guarded by this. */
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  /** Orders tasks due at the same moment by when they were scheduled; guarded by this. */
  private long scheduled;
  /** Whether the thread sleeps with nothing to watch, or has not started: then (only then) it must be woken. */
  private volatile boolean sleeping = true;
  private volatile boolean closed;
  private Thread thread; // guarded by this

  /**
   * @param name the thread's name
   * @param blockedLoopWarning how long one task may hold a watched loop before it is reported
   */
  Scheduler(String name, Duration blockedLoopWarning) {
    this.name = name;
    this.warnNanos = Math.max(1, blockedLoopWarning.toNanos());
  }

  /**
   * Runs {@code task} on this scheduler's thread once {@code delay} has passed, unless cancelled first or the
   * scheduler is closed first.
   */
  Timer schedule(Duration delay, Runnable task) {
    return scheduleAt(System.nanoTime() + delay.toNanos(), task);
  }

  /**
   * Runs {@code task} on this scheduler's thread at {@code deadlineNanos} (a {@link System#nanoTime()} value),
   * unless cancelled first or the scheduler is closed first. Tasks due at the same moment run in the order they
   * were scheduled.
   */
  Timer scheduleAt(long deadlineNanos, Runnable task) {
    Timer timer;
    synchronized (this) {
      timer = new Timer(this, deadlineNanos, scheduled++, task);
      if (closed) {
        return timer; // never queued: it will not run, and cancelling it finds nothing to stop
      }
      timers.add(timer);
      if (timers.peek() != timer) {
        return timer; // the thread already wakes up in time for an earlier one
      }
    }
    wake();
    return timer;
  }

  /**
   * Completes {@code future} with {@code value} once {@code delay} has passed, unless it completes first (then the
   * timer is cancelled): {@link CompletableFuture#completeOnTimeout} on this thread instead of a JVM-wide one. What
   * depends on the future without an executor then runs on this thread, so it must be short.
   *
   * @return {@code future}
   */
  <T> CompletableFuture<T> completeOnTimeout(CompletableFuture<T> future, T value, Duration delay) {
    Timer timer = schedule(delay, () -> future.complete(value));
    future.whenComplete((result, failure) -> timer.cancel());
    return future;
  }

  /** How many tasks wait for their time (for tests). */
  synchronized int scheduledTasks() {
    return timers.size();
  }

  void watch(Deadlines calls) {
    deadlines.add(calls);
  }

  void unwatch(Deadlines calls) {
    deadlines.remove(calls);
  }

  /**
   * Reports {@code loop} when one task holds it too long; called by the loop before its thread starts.
   *
   * @param advice what to do about it, for the warning
   */
  void watch(EventLoop loop, String advice) {
    loops.add(new LoopWatch(loop, advice, warnNanos));
  }

  void unwatch(EventLoop loop) {
    loops.removeIf(w -> w.loop == loop);
  }

  /** A call with a deadline started. */
  void callStarted() {
    if (outstanding.getAndIncrement() == 0 && sleeping) {
      wake();
    }
  }

  /** A call counted by {@link #callStarted()} ended. */
  void callEnded() {
    outstanding.decrementAndGet();
  }

  /** A watched loop that slept has started a task (it published that with a volatile write first). */
  void loopBusy() {
    if (sleeping) {
      wake();
    }
  }

  private void wake() {
    Thread t;
    synchronized (this) {
      if (closed) {
        return;
      }
      t = thread;
      if (t == null) {
        t = new Thread(this::run, name);
        t.setDaemon(true);
        thread = t;
        sleeping = false;
        t.start();
        return;
      }
    }
    LockSupport.unpark(t);
  }

  /**
   * Stops the thread (it ends within a moment) and forgets what it watched; scheduled tasks that have not run never
   * will. Idempotent.
   */
  void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = thread;
      timers.clear();
    }
    deadlines.clear();
    loops.clear();
    if (t != null) {
      LockSupport.unpark(t);
      if (t != Thread.currentThread()) {
        try {
          t.join(1_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private void run() {
    while (!closed) {
      try {
        long wait = earliest(runDueTasks(), tick(System.nanoTime()));
        if (wait > 0) {
          LockSupport.parkNanos(this, wait);
        } else {
          sleeping = true;
          // Checked again after saying so: a call or a loop that started before it could see the flag did not wake
          // us, and one that starts after will (both sides write, then read the other's side: volatile both). A
          // task scheduled after this check unparks the thread, so the park below returns at once.
          if (nothingToWatch() && !closed) {
            LockSupport.park(this);
          }
          sleeping = false;
        }
      } catch (Throwable t) {
        Failures.log(Level.ERROR, "ipc4j: the scheduler " + name + " failed; it goes on", t);
      }
    }
  }

  /** The shorter of two waits, where 0 means none. */
  private static long earliest(long a, long b) {
    return a == 0 ? b : b == 0 ? a : Math.min(a, b);
  }

  /**
   * Runs the tasks that are due, one at a time (a task may schedule another).
   *
   * @return how long until the next task is due, or 0 if none is scheduled
   */
  private long runDueTasks() {
    while (true) {
      Timer due;
      synchronized (this) {
        Timer next = timers.peek();
        if (next == null || closed) {
          return 0;
        }
        long wait = next.deadlineNanos - System.nanoTime();
        if (wait > 0) {
          return wait;
        }
        due = timers.poll();
      }
      try {
        due.task.run();
      } catch (Throwable t) {
        Failures.log(Level.ERROR, "ipc4j: a task scheduled on " + name + " failed; the scheduler goes on", t);
      }
    }
  }

  /**
   * Expires calls and checks loops.
   *
   * @return how long to sleep before the next look, or 0 to sleep until woken
   */
  private long tick(long now) {
    long wait = Long.MAX_VALUE;
    if (outstanding.get() > 0) {
      wait = TICK_NANOS;
      for (Deadlines calls : deadlines) {
        try {
          calls.expire(now);
        } catch (Throwable t) {
          Failures.log(Level.ERROR, "ipc4j: timing out calls failed; the scheduler goes on", t);
        }
      }
    }
    for (LoopWatch w : loops) {
      try {
        long next = w.check(now);
        if (next > 0 && next < wait) {
          wait = next;
        }
      } catch (Throwable t) {
        Failures.log(Level.ERROR, "ipc4j: checking event loop " + w.loop.name() + " failed; the scheduler goes on",
            t);
      }
    }
    return wait == Long.MAX_VALUE ? 0 : wait;
  }

  private boolean nothingToWatch() {
    if (outstanding.get() > 0) {
      return false;
    }
    synchronized (this) {
      if (!timers.isEmpty()) {
        return false;
      }
    }
    for (LoopWatch w : loops) {
      if (!w.asleep()) {
        return false;
      }
    }
    return true;
  }

  /** A task waiting for its time on a {@link Scheduler}; it can be cancelled until it starts. */
  static final class Timer implements Comparable<Timer> {
    private final Scheduler scheduler;
    final long deadlineNanos;
    private final long order;
    final Runnable task;

    private Timer(Scheduler scheduler, long deadlineNanos, long order, Runnable task) {
      this.scheduler = scheduler;
      this.deadlineNanos = deadlineNanos;
      this.order = order;
      this.task = task;
    }

    /**
     * Keeps the task from running; any thread, any number of times.
     *
     * @return true if this stopped it, false if it had already started, run or been cancelled, or never could run
     */
    boolean cancel() {
      synchronized (scheduler) {
        return scheduler.timers.remove(this);
      }
    }

    /** Orders by deadline, then by when the task was scheduled. */
    @Override
    public int compareTo(Timer other) {
      long byTime = deadlineNanos - other.deadlineNanos; // compared as nanoTime values: only differences mean anything
      return byTime != 0 ? (byTime < 0 ? -1 : 1) : Long.compare(order, other.order);
    }
  }
}
