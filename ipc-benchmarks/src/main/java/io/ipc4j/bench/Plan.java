package io.ipc4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

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

  /** One round of one scenario: it adds its samples. */
  interface Round {
    void run(Samples into) throws Exception;
  }

  /** A round of {@code call} timed in this JVM, one round trip at a time, each result checked for its size. */
  Round timed(int payload, UnaryOperator<byte[]> call) {
    byte[] bytes = new byte[payload];
    return into -> {
      for (int i = 0; i < iterations(payload); i++) {
        long start = System.nanoTime();
        byte[] back = call.apply(bytes);
        into.record(System.nanoTime() - start);
        check(back, payload);
      }
    };
  }

  /** Fails the run if an echo did not return as many bytes as were sent. */
  static void check(byte[] back, int payload) {
    if (back.length != payload) {
      throw new AssertionError("echo returned " + back.length + " bytes for " + payload);
    }
  }

  /**
   * Runs the scenarios in turns, one round each, round after round, so that drift in a shared machine weighs on
   * all alike; warm them up first.
   *
   * @return each scenario's samples, in the order given
   */
  Map<String, Samples> inTurns(Map<String, Round> scenarios) throws Exception {
    Map<String, Samples> samples = new LinkedHashMap<>();
    scenarios.keySet().forEach(name -> samples.put(name, new Samples()));
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, Round> scenario : scenarios.entrySet()) {
        scenario.getValue().run(samples.get(scenario.getKey()));
      }
    }
    return samples;
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
