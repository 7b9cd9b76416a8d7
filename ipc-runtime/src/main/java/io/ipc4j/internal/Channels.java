package io.ipc4j.internal;

import java.util.Objects;

/** Argument checks shared by the API implementations. */
final class Channels {
  private Channels() {}

  static String check(String channel) {
    if (channel == null) {
      throw new IllegalArgumentException("channel must be a String, but was null");
    }
    return channel;
  }

  static <T> T listener(T listener, String name) {
    return Objects.requireNonNull(listener, name);
  }
}
