package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcException;
import io.ipc4j.IpcTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A renderer-side call waiting for its reply, and for an {@code invoke} also the future the caller gets (one object
 * per call). Exactly one of these ends it: the reply, its deadline, a disconnect, or a cancel. A blocked caller spins
 * briefly and then parks until the call ends; replies never need the renderer's event loop, so a caller blocked on
 * that loop cannot deadlock.
 *
 * <p>The future is settled from the outcome once, by whichever thread gets there first: the renderer's loop (for
 * callbacks), or a thread that blocks on the future (which takes the reply itself, see {@link ReplyFuture}). A
 * thread that finds another one settling waits for it ({@link #settleAndAwait()}); settling decodes and never
 * blocks, so that wait is short.
 */
final class PendingCall extends ReplyFuture<Object> implements IdleStrategy.Pending, PendingCalls.Call, Runnable {
  private static final int PENDING = 0;
  private static final int COMPLETING = 1;
  /** Ended: the outcome is published. */
  private static final int DONE = 2;
  /** Ended, and one thread has claimed settling the future. */
  private static final int SETTLING = 3;

  /** What {@link #awaitDone(long, boolean)} ended with. */
  static final int ENDED = 0;
  static final int GAVE_UP = 1;
  static final int INTERRUPTED = 2;

  final long id;
  final String channel;
  final Duration timeout;
  final long deadlineNanos;
  final CallOwner core;
  private final AtomicInteger state = new AtomicInteger(PENDING);
  private volatile Object outcome;
  /** Threads parked here, under the monitor: the only one as itself (no node made), else {@link Waiter}s. */
  private volatile Object waiters;
  private volatile boolean joining;
  /** Whether the call is an {@code invoke}'s future, which the loop settles for its callbacks. */
  private volatile boolean isFuture;

  /** A parked caller when several threads block on one future. */
  private static final class Waiter {
    final Thread thread;
    Waiter next;

    Waiter(Thread thread, Waiter next) {
      this.thread = thread;
      this.next = next;
    }
  }

  PendingCall(CallOwner core, long id, String channel, Duration timeout) {
    this.core = core;
    this.id = id;
    this.channel = channel;
    this.timeout = timeout;
    this.deadlineNanos = Args.deadlineNanos(timeout);
  }

  @Override
  public long callId() {
    return id;
  }

  /** This call as the future of an {@code invoke}; its callbacks run on the renderer's event loop. */
  PendingCall future() {
    isFuture = true;
    if (ended()) {
      core.runOnLoop(this); // it ended before it had a future (closed renderer): nobody else settles it
    }
    return this;
  }

  /** Whether the call has ended (its future may not be settled yet: see {@link #isSettled()}). */
  boolean ended() {
    return state.get() >= DONE;
  }

  /** Whether the call is still waiting: what a spinning caller checks (no lambda is made per wait). */
  @Override
  public boolean isPending() {
    return state.get() < DONE;
  }

  /**
   * Ends the call with a {@link Message.Reply}, a {@link Throwable}, or anything else as the value the main process
   * copied for this side in process (a value that crossed as a copy is never a message or a throwable); false if it
   * had already ended.
   */
  boolean end(Object result) {
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
    Object parked = waiters;
    if (parked instanceof Thread only) {
      LockSupport.unpark(only);
    } else {
      for (Waiter w = (Waiter) parked; w != null; w = w.next) {
        LockSupport.unpark(w.thread);
      }
    }
    if (isFuture && !joined) {
      core.runOnLoop(this); // settles: the call is the loop's task itself, no lambda is made per reply
    }
    return true;
  }

  boolean timeOut() {
    return abandon(new IpcTimeoutException(channel, timeout)); // the handler's deadline has passed too
  }

  /** Ends the call as its caller stops waiting (deadline, cancel, interrupt): the main process hears of it. */
  private boolean abandon(Throwable why) {
    if (!end(why)) {
      return false;
    }
    core.abandoned(id);
    return true;
  }

  void disconnect(String why) {
    end(new IpcDisconnectedException(why + "; the call on '" + channel + "' cannot complete"));
  }

  /**
   * Cancelling the call's future abandons the call (a late reply is dropped), but only if the call has not ended
   * already: a call that has its reply keeps it, and the cancel fails, as it does on a completed future.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (isSettled()) {
      return super.cancel(mayInterruptIfRunning);
    }
    if (!abandon(new CancellationException("The call on '" + channel + "' was cancelled"))) {
      settleAndAwait(); // it had ended: the future takes that outcome instead
    }
    return super.cancel(mayInterruptIfRunning);
  }

  @Override
  void takeReply() {
    awaitDone();
    settleAndAwait();
  }

  @Override
  void takeReply(long untilNanos, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
    switch (awaitDone(unit == null ? deadlineNanos : untilNanos, true)) {
      case GAVE_UP -> throw new TimeoutException("No reply on '" + channel + "' within " + timeout + " " + unit);
      case INTERRUPTED -> throw new InterruptedException("Interrupted while waiting for the reply on '" + channel
          + "'");
      default -> settleAndAwait();
    }
  }

  @Override
  void settleIfEnded() {
    if (ended()) {
      settleAndAwait();
    }
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
    if (ended()) {
      return ENDED;
    }
    core.checkNotMainLoop(channel);
    if (interruptible && Thread.interrupted()) {
      return INTERRUPTED;
    }
    joining = true;
    if (core.callerIdle().spinWhile(this)) {
      core.forget(this);
      return ENDED;
    }
    long limit = untilNanos - deadlineNanos < 0 ? untilNanos : deadlineNanos;
    Thread me = Thread.currentThread();
    push(me);
    try {
      while (state.get() < DONE) {
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
          abandon(new IpcException("Interrupted while waiting for the reply on '" + channel + "'"));
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
    while (state.get() < DONE) {
      Thread.onSpinWait();
    }
  }

  /** Registers a parking thread: alone as itself, else the list (the one alone joins it). */
  private synchronized void push(Thread thread) {
    Object parked = waiters;
    waiters = parked == null ? thread
        : new Waiter(thread, parked instanceof Thread only ? new Waiter(only, null) : (Waiter) parked);
  }

  /** Unregisters a thread that {@link #push} registered (a thread parks on one call at a time: once here). */
  private synchronized void unlink(Thread thread) {
    Object parked = waiters;
    if (parked == thread) {
      waiters = null;
      return;
    }
    Waiter prev = null;
    for (Waiter cur = parked instanceof Waiter list ? list : null; cur != null; prev = cur, cur = cur.next) {
      if (cur.thread == thread) {
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
   * A caller that stops waiting before the call ended hands the outcome back to the completer: the future is settled
   * on the loop and the call forgotten, by whichever of the two sees the other. A call that ended as the caller gave
   * up is reported as ended, and the caller settles it.
   */
  private int stopJoining(int why) {
    joining = false;
    if (!ended()) {
      return why;
    }
    core.forget(this);
    if (why == INTERRUPTED) {
      Thread.currentThread().interrupt(); // the reply is in: answer with it, and keep the interrupt for later
    }
    return ENDED;
  }

  /** Blocks until done and returns the decoded reply, or throws why there is none. */
  Object await() {
    awaitDone();
    return valueOrThrow();
  }

  @Override
  public void run() { // as the loop's task: settles the future
    settle();
  }

  /** Completes the future (once) with the decoded outcome; returns at once if another thread is doing so. */
  void settle() {
    if (!isFuture || !state.compareAndSet(DONE, SETTLING)) {
      return;
    }
    Object value;
    try {
      value = valueOrThrow();
    } catch (Throwable t) {
      completeExceptionally(t);
      return;
    }
    complete(value);
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
    if (isFuture) {
      awaitSettled();
    }
  }

  private Object valueOrThrow() {
    Object result = outcome;
    if (result instanceof Message.Reply reply) {
      if (reply.ok()) {
        return AsIs.answer(reply, core.values());
      }
      throw RemoteFailure.of(channel, reply.payload(), core.values());
    }
    if (result instanceof RuntimeException e) {
      throw e;
    }
    if (result instanceof Throwable t) {
      throw new IpcException("Unexpected outcome of the call on '" + channel + "'", t);
    }
    return result; // copied for this side
  }
}
