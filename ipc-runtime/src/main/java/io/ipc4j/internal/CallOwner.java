package io.ipc4j.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * What a {@link PendingCall} needs from the renderer that made it. {@link RendererContext} is the one owner in the
 * runtime; the seam exists so that a call's life can be model-checked against a small, deterministic owner.
 */
abstract class CallOwner {
  /** How long a loop waiting in {@link #settleWhileWaiting} first pauses between looks, and at most. */
  private static final long MIN_PAUSE_NANOS = 10_000;
  private static final long MAX_PAUSE_NANOS = 10_000_000;

  /** Drops an ended call from the pending table; called at most once per call that needs it, any thread. */
  abstract void forget(PendingCall call);

  /** Runs a task on the renderer's event loop, or at once if the loop has stopped; never blocks. */
  abstract void runOnLoop(Runnable task);

  /** Throws if the current thread must not block on a reply (it is the loop that would answer it). */
  abstract void checkNotMainLoop(String channel);

  /** The renderer's codec, which decodes the reply. */
  abstract io.ipc4j.internal.codec.ValueCodec values();

  /** How a caller blocked on a reply waits before it parks. */
  abstract IdleStrategy callerIdle();

  /**
   * Tells the main process that the caller of an {@code invoke} stopped waiting (cancelled, or past its deadline),
   * so that its handler can stop; never throws. An owner that cannot reach a main process does nothing.
   */
  void abandoned(long callId) {}

  /** This owner's event loop if the current thread runs it, else null. */
  EventLoop loopHere() {
    return null;
  }

  /**
   * Waits, on the loop's own thread, for a stage derived from a call that needs more than the call's reply (a
   * {@code thenCompose}'s inner call, say), settling the calls that end meanwhile: their settling is a task queued
   * on this loop, behind the one that waits. Their callbacks run here, on the loop's thread, before the waiting
   * task returns. A wait on another thread returns at once: the loop settles the calls.
   *
   * @param untilNanos when a timed wait gives up ({@link System#nanoTime()})
   * @param interruptible whether an interrupt ends the wait (the status is kept, for the caller to throw)
   */
  final void settleWhileWaiting(ReplyFuture<?> stage, long untilNanos, boolean timed, boolean interruptible) {
    EventLoop loop = loopHere();
    if (loop == null) {
      return;
    }
    long pause = MIN_PAUSE_NANOS;
    while (!stage.isSettled() && !(interruptible && Thread.currentThread().isInterrupted())) {
      loop.forEachQueued(CallOwner::settleIfCall);
      long left = timed ? untilNanos - System.nanoTime() : pause;
      if (stage.isSettled() || left <= 0) {
        return;
      }
      LockSupport.parkNanos(stage, Math.min(left, pause));
      pause = Math.min(2 * pause, MAX_PAUSE_NANOS);
    }
  }

  private static void settleIfCall(Runnable task) {
    if (task instanceof PendingCall call) {
      call.settle(); // an ended call's, queued for its callbacks: settling is once, so the loop's turn does nothing
    }
  }
}
