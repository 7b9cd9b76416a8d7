package io.ipc4j.internal;

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
   * A wait, as a spinning thread sees it. Waiters implement it themselves (a call, a loop's check for work) so that
   * a wait makes no lambda.
   */
  interface Pending {
    /** Whether what is awaited has still not happened. */
    boolean isPending();
  }

  /**
   * Spins, then yields, while {@code wait} is pending, for at most {@code spinNanos}.
   *
   * @return true if the wait ended (it is no longer pending), false if the caller should park
   */
  static boolean spinWhile(Pending wait, long spinNanos) {
    return spinWhile(wait, spinNanos, BUSY_CHECKS);
  }

  /**
   * As {@link #spinWhile(Pending, long)}, with the number of busy checks before yielding: none when a
   * check is itself a system call (polling sockets).
   */
  static boolean spinWhile(Pending wait, long spinNanos, int busyChecks) {
    if (spinNanos <= 0) {
      return !wait.isPending();
    }
    for (int i = 0; i < busyChecks; i++) {
      if (!wait.isPending()) {
        return true;
      }
      Thread.onSpinWait();
    }
    long start = System.nanoTime();
    do {
      Thread.yield();
      if (!wait.isPending()) {
        return true;
      }
    } while (System.nanoTime() - start < spinNanos);
    return false;
  }
}
