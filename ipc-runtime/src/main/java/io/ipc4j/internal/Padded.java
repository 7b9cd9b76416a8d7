package io.ipc4j.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Atomics followed by padding fields, so that nothing allocated after one shares its cache line: a value one
 * thread writes and another reads in a tight loop should not move between cores because of a neighbour.
 */
final class Padded {
  private Padded() {}

  /** An {@code AtomicReference} alone on its line (from its value onwards). */
  @SuppressWarnings("unused")
  static final class Ref<T> extends AtomicReference<T> {
    private static final long serialVersionUID = 1L;
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;

    Ref(T value) {
      super(value);
    }
  }

  /** An {@code AtomicInteger} alone on its line (from its value onwards). */
  @SuppressWarnings("unused")
  static final class Int extends AtomicInteger {
    private static final long serialVersionUID = 1L;
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
  }

  /** An {@code AtomicBoolean} alone on its line (from its value onwards). */
  @SuppressWarnings("unused")
  static final class Flag extends AtomicBoolean {
    private static final long serialVersionUID = 1L;
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
  }
}
