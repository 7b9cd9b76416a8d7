package io.ipc4j.internal;

/**
 * How long one waiter (an event loop, or the callers of one renderer) spins before it parks, learned from how its
 * recent waits ended, in the spirit of the JVM's adaptive spinning on monitors. A spin that catches its event keeps
 * the full budget; one that runs out halves it, down to none. With none left, every {@value #PROBE_INTERVAL}th wait
 * spins in full again, so a waiter notices when spinning starts to pay.
 *
 * <p>Spinning only pays when the event comes sooner than a wake-up would take, and when a spare core can run the
 * thread that produces it. Across processes on two cores neither holds (the round trip is longer than the spin and
 * the spinner takes the core the socket reader needs), so there the budget falls to nothing; between threads of one
 * JVM a reply comes within a microsecond or two and the full budget stays.
 *
 * <p>Not thread-safe by design: racing updates only make one wait spin a little more or less.
 */
final class SpinBudget {
  static final int PROBE_INTERVAL = 16;
  /** Below this, spinning is not worth its check of the clock. */
  private static final long MIN_NANOS = 1_000;

  private final long maxNanos;
  private long nanos;
  private int sinceProbe;

  SpinBudget(long maxNanos) {
    this.maxNanos = Math.max(0, maxNanos);
    this.nanos = this.maxNanos;
  }

  /** How long the next wait may spin. */
  long next() {
    if (nanos == 0 && maxNanos > 0 && ++sinceProbe >= PROBE_INTERVAL) {
      sinceProbe = 0;
      return maxNanos;
    }
    return nanos;
  }

  /**
   * Records how a wait that could spin for {@code spun} nanoseconds ended.
   *
   * @param caught whether the event came while spinning
   */
  void record(long spun, boolean caught) {
    if (spun <= 0) {
      return; // no spin, nothing learned: the event was there at once, or the waiter had no budget
    }
    if (caught) {
      nanos = maxNanos;
    } else {
      long half = nanos / 2;
      nanos = half < MIN_NANOS ? 0 : half;
    }
  }

  /** The budget the next wait gets, unless it is a probe (for tests). */
  long current() {
    return nanos;
  }
}
