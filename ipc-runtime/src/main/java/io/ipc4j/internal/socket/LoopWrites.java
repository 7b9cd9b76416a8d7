package io.ipc4j.internal.socket;

import io.ipc4j.internal.Poller;

/**
 * When the polling loop writes the frames it sends to one socket itself: at once, unless it wrote there less than
 * {@link #BURST_NANOS} ago; such a frame waits for the loop's next write there, made by its next send after that
 * time or, at the latest, once the loop is done with its task, the socket's frames or its timed checks
 * ({@link Poller#deferWrite}). So a burst (a handler's sends in a row, the items one request of a stream releases)
 * costs a few system calls instead of one a frame, and sends further apart each go out as they are made. On the
 * loop.
 */
final class LoopWrites {
  /** How soon after the loop's last write a frame of its own waits for the next one. */
  static final long BURST_NANOS = 1_000_000;

  private final Poller.Readable socket;
  private long burstNanos = BURST_NANOS;
  /** When the loop last wrote to the socket ({@code nanoTime}); at first long ago, so its first frame goes at once. */
  private long wrote = System.nanoTime() - Long.MAX_VALUE / 2;
  /** Whether the socket is in the poller's deferred writes. */
  private boolean deferred;

  LoopWrites(Poller.Readable socket) {
    this.socket = socket;
  }

  /**
   * For a frame the loop has just queued: whether to write now; if not, the poller will call the socket's
   * {@link Poller.Readable#writeDeferred()}.
   */
  boolean writeNow(Poller poller) {
    long now = System.nanoTime();
    if (now - wrote >= burstNanos) {
      wrote = now;
      return true;
    }
    if (!deferred) {
      deferred = true;
      poller.deferWrite(socket);
    }
    return false;
  }

  /** The deferred write is being made: the next frame held back asks for another. */
  void deferredWritten() {
    deferred = false;
  }

  /** Sets how soon after a write a frame waits (tests: 0 writes every frame at once, a day holds all). */
  void burstNanos(long nanos) {
    burstNanos = nanos;
  }
}
