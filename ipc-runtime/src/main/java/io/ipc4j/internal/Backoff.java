package io.ipc4j.internal;

import java.util.function.BooleanSupplier;

/**
 * The idle strategy of every waiting thread: spin for a bounded time (a reply that is about to arrive costs
 * about a microsecond instead of a thread wake-up), yield a few times, then let the caller park.
 */
final class Backoff {
  private static final int YIELDS = 4;

  private Backoff() {}

  /**
   * Spins, then yields, while {@code stillWaiting} holds.
   *
   * @return true if the wait ended ({@code stillWaiting} turned false), false if the caller should park
   */
  static boolean spinUntil(BooleanSupplier stillWaiting, long spinNanos) {
    if (spinNanos > 0) {
      long start = System.nanoTime();
      do {
        for (int i = 0; i < 64; i++) {
          if (!stillWaiting.getAsBoolean()) {
            return true;
          }
          Thread.onSpinWait();
        }
      } while (System.nanoTime() - start < spinNanos);
      for (int i = 0; i < YIELDS; i++) {
        Thread.yield();
        if (!stillWaiting.getAsBoolean()) {
          return true;
        }
      }
    }
    return !stillWaiting.getAsBoolean();
  }
}
