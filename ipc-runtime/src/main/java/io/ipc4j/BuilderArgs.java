package io.ipc4j;

import java.time.Duration;
import java.util.Objects;

/** The argument checks of {@link IpcHost.Builder}: each message names the argument it refuses. */
final class BuilderArgs {
  private BuilderArgs() {}

  static long atLeast(long value, long least, String name) {
    if (value < least) {
      throw new IllegalArgumentException(name + " must be at least " + least + ": " + value);
    }
    return value;
  }

  static Duration notNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
    return d;
  }

  static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }
}
