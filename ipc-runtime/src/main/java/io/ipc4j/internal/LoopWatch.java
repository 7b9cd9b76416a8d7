package io.ipc4j.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * One {@link EventLoop} that its {@link Scheduler} reports when a single task holds it longer than the warning
 * threshold, with the loop's stack, and again each time as long again passes (as Vert.x's blocked-thread checker
 * does). The loop publishes its activity (see {@link EventLoop}); this samples it. The mutable fields belong to the
 * scheduler's thread.
 */
final class LoopWatch {
  private static final System.Logger LOG = Log.IPC4J;

  final EventLoop loop;
  private final String advice;
  private final long warnNanos;
  /** How often a busy loop is looked at: a task is reported between one and 1.25 thresholds after it started. */
  private final long lookNanos;
  /** The loop's activity when last looked at. */
  private long seen = -1;
  /** When that activity was first seen: the task began no later. */
  private long since;
  private long warnAt;

  /**
   * @param advice what the warning tells the user to do about a blocked loop
   * @param warnNanos how long one task may hold the loop before it is reported
   */
  LoopWatch(EventLoop loop, String advice, long warnNanos) {
    this.loop = loop;
    this.advice = advice;
    this.warnNanos = Math.max(1, warnNanos);
    this.lookNanos = Math.max(1, this.warnNanos / 4);
  }

  /** Whether the loop sleeps until work comes: then it needs no looking at until it wakes its scheduler. */
  boolean asleep() {
    return EventLoop.isAsleep(loop.activity());
  }

  /**
   * Looks at the loop, and warns if one task has held it too long.
   *
   * @return how long until this loop should be looked at again, or 0 while it sleeps
   */
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
    String what = label instanceof EventLoop.Labelled l ? l.label() : null;
    long millis = TimeUnit.NANOSECONDS.toMillis(blockedNanos);
    LoopStack trace = new LoopStack(t.getName() + " blocked for " + millis + " ms, at:");
    trace.setStackTrace(stack);
    LOG.log(Level.WARNING, "ipc4j: event loop " + t.getName() + " has been blocked for " + millis + " ms by one "
        + "task" + (what == null ? "" : " (" + what + ")") + ", longer than the blockedLoopWarning of "
        + TimeUnit.NANOSECONDS.toMillis(warnNanos) + " ms; everything else this loop runs waits meanwhile. "
        + advice + " The loop's stack follows.", trace);
  }

  /** The stack of a blocked loop, carried by its warning. */
  static final class LoopStack extends Throwable {
    private static final long serialVersionUID = 1L;

    LoopStack(String message) {
      super(message, null, false, true);
    }
  }
}
