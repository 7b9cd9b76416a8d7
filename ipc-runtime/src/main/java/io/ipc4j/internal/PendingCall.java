package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcException;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.IpcTimeoutException;
import io.ipc4j.internal.codec.ValueCodec;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A renderer-side call waiting for its reply. Exactly one of these completes it: the reply, its deadline, a
 * disconnect, or a cancel. A blocked caller spins briefly and then parks until that happens; replies never need
 * the renderer's event loop, so a caller blocked on that loop cannot deadlock.
 */
final class PendingCall implements BooleanSupplier {
  private static final int PENDING = 0;
  private static final int COMPLETING = 1;
  private static final int DONE = 2;

  final long id;
  final String channel;
  final Duration timeout;
  final long deadlineNanos;
  private final CallOwner core;
  private final AtomicInteger state = new AtomicInteger(PENDING);
  private volatile Object outcome;
  private volatile Thread waiter;
  private volatile boolean joining;
  private volatile ReplyFuture<Object> future;
  private final AtomicInteger settled = new AtomicInteger();

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
      return false;
    }
    outcome = result;
    state.set(DONE);
    if (!joining) {
      core.forget(this); // a joining caller forgets the call itself, on its own thread
    }
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
    if (future != null && !joining) {
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

  void cancel() {
    complete(new CancellationException("The call on '" + channel + "' was cancelled"));
  }

  /** Blocks until the call completes (spinning briefly first); the deadline always ends the wait. */
  void awaitDone() {
    awaitDone(deadlineNanos);
  }

  /**
   * Blocks until the call completes or {@code untilNanos} (a {@link System#nanoTime()} value) passes; reaching the
   * call's own deadline times the call out.
   *
   * @return true if the call is done
   */
  boolean awaitDone(long untilNanos) {
    if (isDone()) {
      return true;
    }
    core.checkNotMainLoop(channel);
    joining = true;
    long budget = core.callerSpin().next();
    boolean caught = Backoff.spinUntil(this, budget);
    core.callerSpin().record(budget, caught);
    if (caught) {
      core.forget(this);
      return true;
    }
    long limit = untilNanos - deadlineNanos < 0 ? untilNanos : deadlineNanos;
    waiter = Thread.currentThread();
    try {
      while (state.get() != DONE) {
        long remaining = limit - System.nanoTime();
        if (remaining <= 0) {
          if (limit != deadlineNanos) {
            stopJoining();
            return false;
          }
          timeOut();
          break;
        }
        LockSupport.parkNanos(this, remaining);
        if (Thread.interrupted()) {
          complete(new IpcException("Interrupted while waiting for the reply on '" + channel + "'"));
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      waiter = null;
    }
    while (state.get() != DONE) {
      Thread.onSpinWait(); // another thread is between COMPLETING and DONE
    }
    core.forget(this);
    return true;
  }

  /**
   * A caller that stopped waiting before the call ended hands the outcome back to the completer: the future is
   * settled on the loop and the call forgotten, by whichever of the two sees the other.
   */
  private void stopJoining() {
    joining = false;
    if (isDone()) {
      core.forget(this);
      if (future != null) {
        core.runOnLoop(this::settle);
      }
    }
  }

  boolean isFutureOf(ReplyFuture<?> candidate) {
    return future == candidate;
  }

  /** Blocks until done and returns the decoded reply, or throws why there is none. */
  Object await() {
    awaitDone();
    return valueOrThrow();
  }

  /** Completes the future (once) with the decoded outcome. */
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

  private Object valueOrThrow() {
    Object result = outcome;
    if (result instanceof Message.Reply reply) {
      if (reply.ok()) {
        return ValueCodec.decodeValue(reply.payload());
      }
      Object[] error = ValueCodec.decodeArgs(reply.payload());
      throw new IpcInvokeException(channel, String.valueOf(error[0]), (String) error[1]);
    }
    if (result instanceof RuntimeException e) {
      throw e;
    }
    throw new IpcException("Unexpected outcome of the call on '" + channel + "'", (Throwable) result);
  }
}
