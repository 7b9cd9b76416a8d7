package io.ipc4j.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The timekeeping thread of one owner: a host (for its main loop and its in-process renderers), or the renderer
 * side of a renderer JVM. It does what the threads it watches cannot do while they are busy or blocked:
 * <ul>
 *   <li>it times out the calls nobody is blocked on (asynchronous {@code invoke}s) of the {@link Deadlines} it
 *       watches; blocked callers time themselves out precisely;
 *   <li>it reports an {@link EventLoop} that one task has held for longer than the warning threshold, with the
 *       loop's stack, and again each time as long again passes (as Vert.x's blocked-thread checker does).
 * </ul>
 *
 * <p>The thread starts on first need (the first pending call, or the first task a watched loop runs) and ends
 * when the owner closes the watchdog; nothing starts it from a static initializer, so a closed host leaves no
 * thread behind. While no call is pending and every watched loop sleeps waiting for work, it sleeps without a
 * timeout (an idle process uses no CPU); otherwise it looks every {@value #TICK_MILLIS} ms while calls are pending,
 * and every quarter of the threshold while a loop is busy. A call costs one counter update when it starts and one
 * when it ends, and wakes the thread only when it sleeps with nothing to watch: waking a thread costs a system call
 * and a core. A loop's task costs an ordered write or two (see {@link EventLoop}). Whatever is thrown while it
 * expires calls or checks loops is logged, and the thread goes on.
 */
final class Watchdog {
  private static final System.Logger LOG = System.getLogger("io.ipc4j");
  static final long TICK_MILLIS = 10;
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);

  /** Calls with deadlines: a renderer's pending calls. */
  interface Deadlines {
    /** Times out every call whose deadline is at or before {@code nowNanos} (a {@link System#nanoTime()}). */
    void expire(long nowNanos);
  }

  private final String name;
  private final long warnNanos;
  /** How often a busy loop is looked at: a task is reported between one and 1.25 thresholds after it started. */
  private final long lookNanos;
  private final Set<Deadlines> deadlines = ConcurrentHashMap.newKeySet();
  private final List<Watched> loops = new CopyOnWriteArrayList<>();
  private final AtomicInteger outstanding = new Padded.Int();
  /** Whether the thread sleeps with nothing to watch, or has not started: then (only then) it must be woken. */
  private volatile boolean sleeping = true;
  private volatile boolean closed;
  private Thread thread; // guarded by this

  /**
   * @param name the thread's name
   * @param blockedLoopWarning how long one task may hold a watched loop before it is reported
   */
  Watchdog(String name, Duration blockedLoopWarning) {
    this.name = name;
    this.warnNanos = Math.max(1, blockedLoopWarning.toNanos());
    this.lookNanos = Math.max(1, warnNanos / 4);
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
    loops.add(new Watched(loop, advice));
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

  /** Stops the thread (it ends within a moment) and forgets what it watched. Idempotent. */
  void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = thread;
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
        long wait = tick(System.nanoTime());
        if (wait > 0) {
          LockSupport.parkNanos(this, wait);
        } else {
          sleeping = true;
          // Checked again after saying so: a call or a loop that started before it could see the flag did not wake
          // us, and one that starts after will (both sides write, then read the other's side: volatile both).
          if (nothingToWatch() && !closed) {
            LockSupport.park(this);
          }
          sleeping = false;
        }
      } catch (Throwable t) {
        Failures.log(Level.ERROR, "ipc4j: the watchdog " + name + " failed; it goes on", t);
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
          Failures.log(Level.ERROR, "ipc4j: timing out calls failed; the watchdog goes on", t);
        }
      }
    }
    for (Watched w : loops) {
      try {
        long next = w.check(now);
        if (next > 0 && next < wait) {
          wait = next;
        }
      } catch (Throwable t) {
        Failures.log(Level.ERROR, "ipc4j: checking event loop " + w.loop.name() + " failed; the watchdog goes on",
            t);
      }
    }
    return wait == Long.MAX_VALUE ? 0 : wait;
  }

  private boolean nothingToWatch() {
    if (outstanding.get() > 0) {
      return false;
    }
    for (Watched w : loops) {
      if (!EventLoop.isAsleep(w.loop.activity())) {
        return false;
      }
    }
    return true;
  }

  /** One watched loop and what was last seen of it; the mutable fields belong to the watchdog's thread. */
  private final class Watched {
    final EventLoop loop;
    final String advice;
    /** The loop's activity when last looked at. */
    long seen = -1;
    /** When that activity was first seen: the task began no later. */
    long since;
    long warnAt;

    Watched(EventLoop loop, String advice) {
      this.loop = loop;
      this.advice = advice;
    }

    /** @return how long until this loop should be looked at again, or 0 while it sleeps */
    long check(long now) {
      long activity = loop.activity();
      if (!EventLoop.inTask(activity)) {
        seen = activity;
        return EventLoop.isAsleep(activity) ? 0 : lookNanos; // one looking for work sleeps soon, or starts a task
      }
      if (activity != seen) {
        seen = activity;
        since = now;
        warnAt = now + warnNanos;
        return lookNanos;
      }
      if (now - warnAt >= 0) {
        warn(activity, now - since);
        do {
          warnAt += warnNanos;
        } while (now - warnAt >= 0);
      }
      return Math.min(lookNanos, warnAt - now);
    }

    private void warn(long activity, long blockedNanos) {
      Thread t = loop.thread();
      StackTraceElement[] stack = t.getStackTrace();
      Object label = loop.labelOf(activity);
      if (loop.activity() != activity) {
        return; // the task ended while the stack was taken
      }
      String what = describe(label);
      long millis = TimeUnit.NANOSECONDS.toMillis(blockedNanos);
      LoopStack trace = new LoopStack(t.getName() + " blocked for " + millis + " ms, at:");
      trace.setStackTrace(stack);
      LOG.log(Level.WARNING, "ipc4j: event loop " + t.getName() + " has been blocked for " + millis + " ms by one "
          + "task" + (what == null ? "" : " (" + what + ")") + ", longer than the blockedLoopWarning of "
          + TimeUnit.NANOSECONDS.toMillis(warnNanos) + " ms; everything else this loop runs waits meanwhile. "
          + advice + " The loop's stack follows.", trace);
    }
  }

  /** What a loop's current task is about, or null if it does not say. */
  static String describe(Object label) {
    return label instanceof EventLoop.Labelled l ? l.label() : null;
  }

  /** The stack of a blocked loop, carried by its warning. */
  static final class LoopStack extends Throwable {
    private static final long serialVersionUID = 1L;

    LoopStack(String message) {
      super(message, null, false, true);
    }
  }
}
