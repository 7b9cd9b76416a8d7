package io.ipc4j.bench;

/** How long to run: the quick mode for a check, the full mode for the published table. */
record Plan(boolean quick, int rounds) {
  static final int[] PAYLOADS = {64, 4096, 256 * 1024, 3 * 1024 * 1024};

  /** Warm-up round trips for a payload size. */
  int warmup(int payload) {
    return scaled(payload, quick ? 3_000 : 20_000);
  }

  /** The least time to warm up each scenario for, whatever the count: the JIT needs seconds, not calls. */
  long warmupNanos() {
    return (quick ? 1_000L : 3_000L) * 1_000_000L;
  }

  /** Runs {@code call} {@link #warmup} times and for at least {@link #warmupNanos}. */
  void warmUp(int payload, Runnable call) {
    long until = System.nanoTime() + warmupNanos();
    int count = warmup(payload);
    for (int i = 0; i < count || System.nanoTime() < until; i++) {
      call.run();
    }
  }

  /** Measured round trips per round for a payload size. */
  int iterations(int payload) {
    return scaled(payload, quick ? 2_000 : 10_000);
  }

  /** Messages for one-way throughput. */
  int messages() {
    return quick ? 50_000 : 300_000;
  }

  /** Processes started for cold-start rows. */
  int starts() {
    return quick ? 3 : 10;
  }

  private static int scaled(int payload, int small) {
    if (payload <= 4096) {
      return small;
    }
    if (payload <= 256 * 1024) {
      return Math.max(50, small / 20);
    }
    return Math.max(20, small / 200);
  }
}
