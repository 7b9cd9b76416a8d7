package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcException;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.IpcTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A renderer-side call waiting for its reply. Exactly one of these completes it: the reply, its deadline, a
 * disconnect, or a cancel. A blocked caller spins briefly and then parks until that happens; replies never need
 * the renderer's event loop, so a caller blocked on that loop cannot deadlock.
 *
 * <p>An {@code invoke}'s future is settled from the outcome once, by whichever thread gets there first: the
 * renderer's loop (for callbacks), or a thread that blocks on the future (which takes the reply itself). A thread
 * that finds another one settling waits for it ({@link #settleAndAwait()}); settling decodes and never blocks, so
 * that wait is short.
 */
final class PendingCall implements BooleanSupplier {
  private static final int PENDING = 0;
  private static final int COMPLETING = 1;
  private static final int DONE = 2;

  /** What {@link #awaitDone(long, boolean)} ended with. */
  static final int ENDED = 0;
  static final int GAVE_UP = 1;
  static final int INTERRUPTED = 2;

  /** The remote type a malformed failure reply is reported with (the real one is unknown). */
  static final String MALFORMED_FAILURE_TYPE = IpcException.class.getName();

  final long id;
  final String channel;
  final Duration timeout;
  final long deadlineNanos;
  private final CallOwner core;
  private final AtomicInteger state = new AtomicInteger(PENDING);
  private volatile Object outcome;
  /** Threads parked on this call, newest first; pushed and unlinked under this call's monitor. */
  private volatile Waiter waiters;
  private volatile boolean joining;
  private volatile ReplyFuture<Object> future;
  private final AtomicInteger settled = new AtomicInteger();

  /** A parked caller (usually the only one; several threads may block on one future). */
  private static final class Waiter {
    final Thread thread;
    Waiter next;

    Waiter(Thread thread) {
      this.thread = thread;
    }
  }

  PendingCall(CallOwner core, long id, String channel, Duration timeout) {
    this.core = core;
    this.id = id;
    this.channel = channel;
    this.timeout = timeout;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  /** The future of an {@code invoke}; its callbacks run on the renderer's event loop. */
  ReplyFuture<Object> future() {
    ReplyFuture<Object> f = new ReplyFuture<>(this);
    future = f;
    if (isDone()) {
      core.runOnLoop(this::settle); // it ended before it had a future (closed renderer): nobody else settles it
    }
    return f;
  }

  boolean isDone() {
    return state.get() == DONE;
  }

  /** Whether the call is still waiting: what a spinning caller checks (no lambda is made per wait). */
  @Override
  public boolean getAsBoolean() {
    return state.get() != DONE;
  }

  /** Completes with a {@link Message.Reply}, or a {@link Throwable}; false if already completed. */
  boolean complete(Object result) {
    if (!state.compareAndSet(PENDING, COMPLETING)) {
      awaitOutcome(); // the call ended when the winner took it: once this returns, everyone sees it ended
      return false;
    }
    outcome = result;
    state.set(DONE);
    boolean joined = joining; // read once: a joining caller forgets and settles the call itself
    if (!joined) {
      core.forget(this);
    }
    for (Waiter w = waiters; w != null; w = w.next) {
      LockSupport.unpark(w.thread);
    }
    if (future != null && !joined) {
      core.runOnLoop(this::settle);
    }
    return true;
  }

  boolean timeOut() {
    return complete(new IpcTimeoutException(channel, timeout));
  }

  void disconnect(String why) {
    complete(new IpcDisconnectedException(why + "; the call on '" + channel + "' cannot complete"));
  }

  /** Ends the call as cancelled; false if it had already ended otherwise. */
  boolean cancel() {
    return complete(new CancellationException("The call on '" + channel + "' was cancelled"));
  }

  /**
   * Blocks until the call completes (spinning briefly first); the deadline always ends the wait. An interrupt
   * abandons the call: it fails with an {@link IpcException} and the thread's interrupt status is kept.
   */
  void awaitDone() {
    awaitDone(deadlineNanos, false);
  }

  /**
   * Blocks until the call completes or {@code untilNanos} (a {@link System#nanoTime()} value) passes; reaching the
   * call's own deadline times the call out.
   *
   * @param interruptible whether an interrupt ends the wait and leaves the call pending ({@link #INTERRUPTED},
   *     interrupt status cleared), instead of abandoning the call
   * @return {@link #ENDED} if the call is done (a reply that comes as the wait gives up counts), else
   *     {@link #GAVE_UP} or {@link #INTERRUPTED}
   */
  int awaitDone(long untilNanos, boolean interruptible) {
    if (isDone()) {
      return ENDED;
    }
    core.checkNotMainLoop(channel);
    if (interruptible && Thread.interrupted()) {
      return INTERRUPTED;
    }
    joining = true;
    SpinBudget spin = core.callerSpin();
    long budget = spin.next();
    boolean caught = Backoff.spinUntil(this, budget);
    spin.record(budget, caught);
    if (caught) {
      core.forget(this);
      return ENDED;
    }
    long limit = untilNanos - deadlineNanos < 0 ? untilNanos : deadlineNanos;
    Waiter me = new Waiter(Thread.currentThread());
    push(me);
    try {
      while (state.get() != DONE) {
        long remaining = limit - System.nanoTime();
        if (remaining <= 0) {
          if (limit != deadlineNanos) {
            return stopJoining(GAVE_UP);
          }
          timeOut();
          break;
        }
        LockSupport.parkNanos(this, remaining);
        if (Thread.interrupted()) {
          if (interruptible) {
            return stopJoining(INTERRUPTED);
          }
          complete(new IpcException("Interrupted while waiting for the reply on '" + channel + "'"));
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      unlink(me);
    }
    // Done here: the loop ends only at DONE, and timeOut() returns only once the call is DONE (won or lost).
    core.forget(this);
    return ENDED;
  }

  /** Waits out a completer that has taken the call but not yet published its outcome (two writes away). */
  private void awaitOutcome() {
    while (state.get() != DONE) {
      Thread.onSpinWait();
    }
  }

  private synchronized void push(Waiter w) {
    w.next = waiters;
    waiters = w;
  }

  private synchronized void unlink(Waiter w) {
    Waiter prev = null;
    for (Waiter cur = waiters; cur != null; prev = cur, cur = cur.next) {
      if (cur == w) {
        if (prev == null) {
          waiters = cur.next;
        } else {
          prev.next = cur.next;
        }
        return;
      }
    }
  }

  /**
   * A caller that stops waiting before the call ended hands the outcome back to the completer: the future is
   * settled on the loop and the call forgotten, by whichever of the two sees the other. A call that ended as the
   * caller gave up is reported as ended, and the caller settles it.
   */
  private int stopJoining(int why) {
    joining = false;
    if (!isDone()) {
      return why;
    }
    core.forget(this);
    if (why == INTERRUPTED) {
      Thread.currentThread().interrupt(); // the reply is in: answer with it, and keep the interrupt for later
    }
    return ENDED;
  }

  boolean isFutureOf(ReplyFuture<?> candidate) {
    return future == candidate;
  }

  /** Blocks until done and returns the decoded reply, or throws why there is none. */
  Object await() {
    awaitDone();
    return valueOrThrow();
  }

  /** Completes the future (once) with the decoded outcome; returns at once if another thread is doing so. */
  void settle() {
    ReplyFuture<Object> f = future;
    if (f == null || !isDone() || !settled.compareAndSet(0, 1)) {
      return;
    }
    try {
      f.settleWith(valueOrThrow(), null);
    } catch (Throwable t) {
      f.settleWith(null, t);
    }
  }

  /**
   * Settles the future of an ended call and returns once it is complete, whoever completed it: a caller that lost
   * the race to the loop must not look at the future before the loop has finished with it. It never waits for a
   * task queued on the loop (this may be the loop's own thread): only for a thread that is settling right now.
   */
  void settleAndAwait() {
    if (state.get() == PENDING) {
      return;
    }
    awaitOutcome();
    settle();
    ReplyFuture<Object> f = future;
    if (f != null) {
      f.awaitSettled();
    }
  }

  private Object valueOrThrow() {
    Object result = outcome;
    if (result instanceof Message.Reply reply) {
      if (reply.ok()) {
        return core.values().decodeValue(reply.payload());
      }
      throw remoteFailure(reply.payload());
    }
    if (result instanceof RuntimeException e) {
      throw e;
    }
    throw new IpcException("Unexpected outcome of the call on '" + channel + "'", (Throwable) result);
  }

  /**
   * The exception a failed reply stands for. Its payload comes from the other side, so it is checked before it is
   * trusted: anything but {@code [type, message]} (two strings, the message may be nil) is reported as a malformed
   * failure, never as a {@link ClassCastException} or an index out of bounds.
   */
  private IpcInvokeException remoteFailure(byte[] payload) {
    Object[] error;
    try {
      error = core.values().decodeArgs(payload);
    } catch (RuntimeException e) {
      IpcInvokeException malformed = malformedFailure("it does not decode as a list (" + e.getMessage() + ")");
      malformed.initCause(e);
      return malformed;
    }
    if (error.length != 2) {
      return malformedFailure("expected [type, message], found a list of " + error.length);
    }
    if (!(error[0] instanceof String type) || type.isEmpty()) {
      return malformedFailure("the type is " + describe(error[0]) + ", not a class name");
    }
    if (error[1] != null && !(error[1] instanceof String)) {
      return malformedFailure("the message is " + describe(error[1]) + ", not a string or nil");
    }
    return new IpcInvokeException(channel, type, (String) error[1]);
  }

  private IpcInvokeException malformedFailure(String what) {
    return new IpcInvokeException(channel, MALFORMED_FAILURE_TYPE, "malformed failure reply: " + what);
  }

  private static String describe(Object value) {
    return value == null ? "nil" : "a " + value.getClass().getName();
  }
}
