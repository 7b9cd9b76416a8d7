package io.ipc4j.bench;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up rule: at least a number of calls, then until the last batches' medians agree, with a cap. */
class WarmupTest {
  /** A batch whose every call takes the next of {@code medians} (then the last one again and again). */
  private static Warmup.Batch replaying(long... medians) {
    int[] next = {0};
    return calls -> {
      long value = medians[Math.min(next[0]++, medians.length - 1)];
      long[] samples = new long[calls];
      java.util.Arrays.fill(samples, value);
      return samples;
    };
  }

  @Test
  void batchesWithinTheToleranceAreSteady() {
    assertThat(Warmup.isSteady(List.of(500L, 100L, 105L, 109L))).isTrue();
    assertThat(Warmup.isSteady(List.of(100L, 105L, 111L))).isFalse();
    assertThat(Warmup.isSteady(List.of(100L, 100L))).isFalse(); // too few batches to tell
  }

  @Test
  void warmsUpUntilTheLastBatchesAgreeEvenAfterTheLeastCount() throws Exception {
    List<Long> medians = Warmup.untilSteady(30, 10, replaying(900, 500, 300, 200, 100, 101, 102, 103));
    assertThat(medians).containsExactly(900L, 500L, 300L, 200L, 100L, 101L, 102L).inOrder();
  }

  @Test
  void makesAtLeastTheLeastNumberOfCallsWhenSteadyFromTheStart() throws Exception {
    List<Long> medians = Warmup.untilSteady(50, 10, replaying(100));
    assertThat(medians).hasSize(5);
  }

  @Test
  void stopsAtTheCapWhenNeverSteady() throws Exception {
    List<Long> alternating = new ArrayList<>();
    Warmup.Batch batch = calls -> {
      long value = alternating.size() % 2 == 0 ? 100 : 300;
      alternating.add(value);
      return new long[] {value};
    };
    assertThat(Warmup.untilSteady(10, 2, batch)).hasSize(Warmup.CAP * 5);
    assertThat(Warmup.untilSteady(1, 1, 7, batch)).hasSize(7);
  }

  @Test
  void theMedianIsTheMiddleSample() {
    assertThat(Warmup.median(new long[] {5, 1, 9, 3, 7})).isEqualTo(5);
    assertThat(Warmup.median(new long[] {1_000_000, 2, 3})).isEqualTo(3);
  }
}
