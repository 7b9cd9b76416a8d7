package io.ipc4j.internal;

import java.util.function.BooleanSupplier;

/**
 * The idle strategy of every waiting thread: a short busy spin, then yielding until the spin time is over, then the
 * caller parks. A reply that is about to arrive costs about a microsecond instead of a thread wake-up, and because
 * the waiter yields rather than burns its core, the threads that produce the reply (a socket reader, an event loop)
 * still get to run when there are fewer cores than busy threads.
 */
final class Backoff {
  /** Checks made with {@link Thread#onSpinWait()} before the waiter starts yielding: well under a microsecond. */
  static final int BUSY_CHECKS = 256;

  private Backoff() {}

  /**
   * Spins, then yields, while {@code stillWaiting} holds, for at most {@code spinNanos}.
   *
   * @return true if the wait ended ({@code stillWaiting} turned false), false if the caller should park
   */
  static boolean spinUntil(BooleanSupplier stillWaiting, long spinNanos) {
    return spinUntil(stillWaiting, spinNanos, BUSY_CHECKS);
  }

  /**
   * As {@link #spinUntil(BooleanSupplier, long)}, with the number of busy checks before yielding: none when a
   * check is itself a system call (polling sockets).
   */
  static boolean spinUntil(BooleanSupplier stillWaiting, long spinNanos, int busyChecks) {
    if (spinNanos <= 0) {
      return !stillWaiting.getAsBoolean();
    }
    for (int i = 0; i < busyChecks; i++) {
      if (!stillWaiting.getAsBoolean()) {
        return true;
      }
      Thread.onSpinWait();
    }
    long start = System.nanoTime();
    do {
      Thread.yield();
      if (!stillWaiting.getAsBoolean()) {
        return true;
      }
    } while (System.nanoTime() - start < spinNanos);
    return false;
  }
}
