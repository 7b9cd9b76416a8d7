package io.ipc4j.internal;

/**
 * How much of a stream subscriber's demand its producer is asked for: at most {@value #WINDOW} items are outstanding
 * (asked for and not yet delivered to the subscriber), topped up as the subscriber takes them, whatever the
 * subscriber requested. So a subscriber that requests {@code Long.MAX_VALUE}, as Reactive Streams' "everything" is
 * usually said, and then takes its items slowly, has at most a window of them in flight: a producer that emits
 * synchronously in {@code request} (a list, a generator) emits a window at a time and lets its loop go on between,
 * and neither side's queues grow with the stream. A request of up to half a window passes through as it is.
 *
 * <p>Both ends of a stream keep one: the caller's {@link StreamSubscription}, for its subscriber's demand, and the
 * producer's {@link StreamProducer}, for the caller's credit (its publisher is the producer there, and an item
 * "delivered" is one sent to the caller), so that a caller that does not window its own requests gets no more.
 *
 * <p>Thread-safe: the subscriber requests on any thread, items are delivered on its loop.
 */
final class DemandWindow {
  /** The most items asked of the producer and not yet delivered. */
  static final int WINDOW = 256;

  /** What the subscriber asked for and has not been given; {@code Long.MAX_VALUE} once unbounded. */
  private long wanted;
  /** What the producer was asked for and the subscriber has not been given yet. */
  private long outstanding;

  /**
   * The subscriber requested {@code n} (positive) more.
   *
   * @return how many to ask the producer for now; 0 for none
   */
  synchronized long requested(long n) {
    wanted = addCapped(wanted, n);
    return topUp();
  }

  /**
   * One item reached the subscriber.
   *
   * @return how many more to ask the producer for now; 0 for none
   */
  synchronized long delivered() {
    outstanding--;
    if (wanted != Long.MAX_VALUE) {
      wanted--;
    }
    return topUp();
  }

  /** Asks for up to a window once no more than half of one is outstanding. */
  private long topUp() {
    if (outstanding > WINDOW / 2) {
      return 0;
    }
    long more = Math.min(WINDOW - outstanding, wanted - outstanding);
    if (more <= 0) {
      return 0;
    }
    outstanding += more;
    return more;
  }

  /** {@code a + b}, or {@code Long.MAX_VALUE} where that overflows (an unbounded demand stays unbounded). */
  static long addCapped(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
