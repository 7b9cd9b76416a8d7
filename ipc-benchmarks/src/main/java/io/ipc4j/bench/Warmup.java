package io.ipc4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Warms a call up until it is steady rather than for a fixed time: it runs the call in batches, takes each batch's
 * median, and stops once it has made at least a least number of calls (so that the JIT has seen the path often
 * enough to compile it fully) and the last {@value #STEADY_BATCHES} batches' medians lie within
 * {@value #TOLERANCE} of each other, or after {@value #CAP} times the least number of calls (the machine may never
 * settle: the warning that follows says so). A fixed time is too short for a large
 * payload on a loaded machine, where the compiler shares two cores with the benchmark, and both modes use this same
 * rule, so the quick mode measures rows as warm as the full mode's.
 */
final class Warmup {
  static final int STEADY_BATCHES = 3;
  static final double TOLERANCE = 0.10;
  static final int CAP = 3;

  private Warmup() {}

  /** Warm-up rounds of one-way items: {@value #ITEMS_PER_ROUND} items each, at least {@value #LEAST_ROUNDS}. */
  static final int ITEMS_PER_ROUND = 20_000;
  static final int LEAST_ROUNDS = 4;
  static final int MAX_ROUNDS = 20;

  /** Times one round of {@code items} one-way items (messages or stream items); returns the nanoseconds per item. */
  interface PerItem {
    long nanos(long items) throws Exception;
  }

  /** Runs warm-up rounds of one-way items until their time per item is steady, by this class's rule. */
  static void untilSteady(String name, PerItem measure) throws Exception {
    List<Long> perItem = untilSteady(LEAST_ROUNDS, 1, MAX_ROUNDS, calls -> new long[] {measure.nanos(ITEMS_PER_ROUND)});
    if (!isSteady(perItem)) {
      System.err.printf("warning: %s was not steady after %d warm-up rounds: %s%n", name, perItem.size(), perItem);
    }
  }

  /** One timed batch: it makes {@code calls} calls and returns each one's time in nanoseconds. */
  interface Batch {
    long[] run(int calls) throws Exception;
  }

  /** A batch of {@code call}, each call timed by itself. */
  static Batch timing(Runnable call) {
    return calls -> {
      long[] samples = new long[calls];
      for (int i = 0; i < calls; i++) {
        long start = System.nanoTime();
        call.run();
        samples[i] = System.nanoTime() - start;
      }
      return samples;
    };
  }

  /**
   * Runs batches of {@code batchCalls} until at least {@code leastCalls} calls were made and the batches are
   * steady.
   *
   * @return the medians of the batches run, in order
   */
  static List<Long> untilSteady(int leastCalls, int batchCalls, Batch batch) throws Exception {
    int leastBatches = (leastCalls + batchCalls - 1) / batchCalls;
    return untilSteady(leastCalls, batchCalls, Math.max(STEADY_BATCHES, CAP * leastBatches), batch);
  }

  /** As {@link #untilSteady(int, int, Batch)}, with a cap of {@code maxBatches}. */
  static List<Long> untilSteady(int leastCalls, int batchCalls, int maxBatches, Batch batch) throws Exception {
    List<Long> medians = new ArrayList<>();
    long calls = 0;
    while (medians.size() < maxBatches && (calls < leastCalls || !isSteady(medians))) {
      medians.add(median(batch.run(batchCalls)));
      calls += batchCalls;
    }
    return medians;
  }

  /** Whether the last {@value #STEADY_BATCHES} medians lie within {@value #TOLERANCE} of the least of them. */
  static boolean isSteady(List<Long> medians) {
    if (medians.size() < STEADY_BATCHES) {
      return false;
    }
    List<Long> last = medians.subList(medians.size() - STEADY_BATCHES, medians.size());
    long min = last.stream().mapToLong(Long::longValue).min().orElseThrow();
    long max = last.stream().mapToLong(Long::longValue).max().orElseThrow();
    return max <= min * (1 + TOLERANCE);
  }

  static long median(long[] samples) {
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
  }
}
