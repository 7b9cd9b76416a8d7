package io.ipc4j.internal;

/**
 * What a {@link PendingCall} needs from the renderer that made it. {@link RendererContext} is the one owner in the
 * runtime; the seam exists so that a call's life can be model-checked against a small, deterministic owner.
 */
abstract class CallOwner {
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
}
