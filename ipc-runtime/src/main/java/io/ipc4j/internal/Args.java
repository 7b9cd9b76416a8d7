package io.ipc4j.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the API implementations, with the messages Electron gives. */
final class Args {
  private Args() {}

  /** A channel name, which must be a string: Electron rejects a missing one with this message. */
  static String channel(String channel) {
    if (channel == null) {
      throw new IllegalArgumentException("channel must be a String, but was null");
    }
    return channel;
  }

  /** A listener or handler, which must be given; {@code name} is the argument's name, for the message. */
  static <T> T notNull(T listener, String name) {
    return Objects.requireNonNull(listener, name);
  }

  /** A call's deadline, which must be positive. */
  static Duration timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return timeout;
  }

  /**
   * The longest wait a deadline counts, about 146 years: longer ones are as good as never. (The builder caps its
   * durations at the same length, {@code BuilderChecks.LONGEST}, on its side of the API.)
   */
  static final Duration LONGEST_WAIT = Duration.ofNanos(Long.MAX_VALUE / 2);

  /**
   * When a call of this deadline started now stops waiting, in {@link System#nanoTime()}'s terms: a deadline of
   * centuries (or {@code ChronoUnit.FOREVER}) is counted as {@link #LONGEST_WAIT}, so that it neither overflows nor
   * fails the call.
   */
  static long deadlineNanos(Duration timeout) {
    return System.nanoTime() + (timeout.compareTo(LONGEST_WAIT) < 0 ? timeout : LONGEST_WAIT).toNanos();
  }
}
