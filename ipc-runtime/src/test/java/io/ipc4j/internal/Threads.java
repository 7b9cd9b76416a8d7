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

  /** Runs each body on a thread of its own, all started before any is joined, and waits for them all. */
  static void runTogether(Runnable... bodies) {
    Thread[] threads = new Thread[bodies.length];
    for (int i = 0; i < bodies.length; i++) {
      threads[i] = new Thread(bodies[i]);
    }
    for (Thread t : threads) {
      t.start();
    }
    join(threads);
  }
}
