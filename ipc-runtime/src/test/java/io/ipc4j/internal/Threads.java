package io.ipc4j.internal;

/** Thread helpers for tests that run their own threads under Lincheck's model checker. */
final class Threads {
  private Threads() {}

  /** Waits for each thread to end; an interrupt fails the test. */
  static void join(Thread... threads) {
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
