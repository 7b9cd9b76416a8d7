package io.ipc4j.internal;

/**
 * How one waiter (an event loop, or the callers of one renderer) waits before it parks: a short busy spin, then
 * yielding until its spin time is over; then the waiter parks in its own way (a loop on its sockets or until
 * unparked, a caller until its deadline). A reply that is about to arrive costs about a microsecond instead of a
 * thread wake-up, and because the waiter yields rather than burns its core, the threads that produce the reply (a
 * socket reader, an event loop) still get to run when there are fewer cores than busy threads.
 *
 * <p>The spin time is learned from how recent waits ended, in the spirit of the JVM's adaptive spinning on monitors. A
 * spin that catches its event keeps the full budget; one that runs out halves it, down to none. With none left, about
 * every {@value #PROBE_INTERVAL}th wait spins in full again, so a waiter notices when spinning starts to pay. The waits
 * between probes vary (from half the interval to half as many again): a spin catches only while the waiter on the other
 * side of the exchange spins too, and two waiters that each wait once per call and probed at a fixed spacing would stay
 * out of step for good once both had stopped spinning. Spinning only pays when the event comes within the budget, so
 * the default budget ({@link io.ipc4j.IpcHost#DEFAULT_SPIN_TIME}) outlasts a small call's round trip between
 * processes, not only between threads: a budget just short of it runs out on every call, each reply then wakes a
 * parked waiter, and the round trip grows further past the budget (docs/architecture.md, "Why the waiting threads
 * spin", has the figures). A call whose answer takes longer (a large value, a slow handler) still lets its spin fade.
 *
 * <p>Not thread-safe by design: racing updates (several callers of one renderer) only make one wait spin a little
 * more or less. The learned state is padded on both sides, so the waiter's writes to it move no neighbour's line.
 */
final class IdleStrategy extends IdleStrategyState {
  /**
   * Checks made with {@link Thread#onSpinWait()} before the waiter starts yielding: as long as 256 of the processor's
   * spin-wait hints take, from under a microsecond to about 5 µs (the AMD EPYC the benchmarks ran on).
   */
  static final int BUSY_CHECKS = 256;
  static final int PROBE_INTERVAL = 16;
  /** Below this, spinning is not worth its check of the clock. */
  private static final long MIN_NANOS = 1_000;

  /**
   * A wait, as a spinning thread sees it. Waiters implement it themselves (a call, a loop's check for work) so that
   * a wait makes no lambda.
   */
  interface Pending {
    /** Whether what is awaited has still not happened. */
    boolean isPending();
  }

  @SuppressWarnings("unused")
  private long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p20, p21, p22, p23, p24;

  /** A strategy that spins at most {@code maxSpinNanos} per wait, busy for {@value #BUSY_CHECKS} checks first. */
  IdleStrategy(long maxSpinNanos) {
    this(maxSpinNanos, BUSY_CHECKS);
  }

  /**
   * @param busyChecks how many checks spin busily before the waiter yields: none when a check is itself a system
   *     call (polling sockets)
   */
  IdleStrategy(long maxSpinNanos, int busyChecks) {
    super(Math.max(0, maxSpinNanos), busyChecks);
  }

  /**
   * Spins, then yields, while {@code wait} is pending, for at most this wait's share of the budget, and learns from
   * how it ended. With no budget it returns at once without checking: the waiter has just looked.
   *
   * @return true if the wait ended while spinning, false if the caller should park
   */
  boolean spinWhile(Pending wait) {
    long budget = next();
    if (budget <= 0) {
      return false;
    }
    boolean caught = spin(wait, budget);
    record(budget, caught);
    return caught;
  }

  private boolean spin(Pending wait, long spinNanos) {
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

  /** How long the next wait may spin. */
  long next() {
    if (nanos == 0 && maxNanos > 0 && ++sinceProbe >= probeAfter) {
      sinceProbe = 0;
      probeAfter = nextProbeAfter();
      return maxNanos;
    }
    return nanos;
  }

  /** How many waits the next probe comes after: from half the interval to half as many again (xorshift). */
  private int nextProbeAfter() {
    int x = random;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    random = x;
    return PROBE_INTERVAL / 2 + ((x >>> 8) & (PROBE_INTERVAL - 1));
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

/** What an {@link IdleStrategy} learns, after a line of padding (the padding after it is in the subclass). */
abstract class IdleStrategyState extends IdleStrategyPadding {
  final long maxNanos;
  final int busyChecks;
  long nanos;
  int sinceProbe;
  /** How many waits without a budget the next probe comes after. */
  int probeAfter = IdleStrategy.PROBE_INTERVAL;
  /** The state of the probes' spacing; never zero. */
  int random = System.identityHashCode(this) | 1;

  IdleStrategyState(long maxNanos, int busyChecks) {
    this.maxNanos = maxNanos;
    this.busyChecks = busyChecks;
    this.nanos = maxNanos;
  }
}

/** Padding before an {@link IdleStrategy}'s state: superclass fields are laid out first. */
@SuppressWarnings("unused")
abstract class IdleStrategyPadding {
  private long p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}
