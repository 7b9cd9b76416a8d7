package io.ipc4j;

import java.time.Duration;
import java.util.Objects;

/** The checks of {@link IpcHost.Builder}'s arguments; each message names the argument. */
final class BuilderChecks {
  private BuilderChecks() {}

  /** {@code value}, if it is at least {@code least}. */
  static long atLeast(long value, long least, String name) {
    if (value < least) {
      throw new IllegalArgumentException(name + " must be at least " + least + ": " + value);
    }
    return value;
  }

  /**
   * The longest duration an option counts, about 146 years: a longer one (such as {@code ChronoUnit.FOREVER}) is as
   * good as never, and counted as this, so that no deadline made from it overflows {@link System#nanoTime()}. The
   * runtime caps a call's own deadline at the same length ({@code internal.Args.LONGEST_WAIT}).
   */
  static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE / 2);

  /** {@code d} (at most {@link #LONGEST}), if it is given and not negative. */
  static Duration notNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
    return d.compareTo(LONGEST) > 0 ? LONGEST : d;
  }

  /** {@code d} (at most {@link #LONGEST}), if it is given and positive. */
  static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d.compareTo(LONGEST) > 0 ? LONGEST : d;
  }
}
