package io.ipc4j.bench;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One-way rows (sends, streams): warmed up until steady, then measured in turns, each round primed first, a row per
 * measure.
 */
class OneWayRowsTest {
  /** The calls, with each run of primer batches ({@link Plan#PRIME_ITEMS} items) as one entry, {@code x:primed}. */
  private static List<String> collapsePrimers(List<String> calls) {
    List<String> collapsed = new ArrayList<>();
    for (String call : calls) {
      String entry = call.endsWith(":" + Plan.PRIME_ITEMS) ? call.replace(":" + Plan.PRIME_ITEMS, ":primed") : call;
      if (!entry.endsWith(":primed") || collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).equals(entry)) {
        collapsed.add(entry);
      }
    }
    return collapsed;
  }

  @Test
  void eachMeasureWarmsUpUntilSteadyThenTheyTakeTurnsRoundByRound() throws Exception {
    Plan plan = new Plan(true, 3);
    List<String> calls = new ArrayList<>();
    Map<String, Warmup.PerItem> measures = new LinkedHashMap<>();
    long[] slowFirst = {900, 500, 100, 100, 100, 100};
    int[] next = {0};
    measures.put("a", items -> {
      calls.add("a:" + items);
      return items == Warmup.ITEMS_PER_ROUND ? slowFirst[Math.min(next[0]++, slowFirst.length - 1)] : 10;
    });
    measures.put("b", items -> {
      calls.add("b:" + items);
      return items == Warmup.ITEMS_PER_ROUND ? 7 : 20;
    });
    List<Row> rows = plan.oneWayRows(measures, 64);

    long round = plan.messages() / 4;
    String warm = "a:" + Warmup.ITEMS_PER_ROUND;
    // a: until its last three warm-up rounds agree (5 rounds), b: the least number of rounds (4); then turns, each
    // round after its primer
    assertThat(collapsePrimers(calls)).containsExactly(warm, warm, warm, warm, warm,
        "b:" + Warmup.ITEMS_PER_ROUND, "b:" + Warmup.ITEMS_PER_ROUND, "b:" + Warmup.ITEMS_PER_ROUND,
        "b:" + Warmup.ITEMS_PER_ROUND,
        "a:primed", "a:" + round, "b:primed", "b:" + round, "a:primed", "a:" + round, "b:primed", "b:" + round,
        "a:primed", "a:" + round, "b:primed", "b:" + round).inOrder();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).scenario()).isEqualTo("a");
    assertThat(rows.get(0).p50Nanos()).isEqualTo(10);
    assertThat(rows.get(1).scenario()).isEqualTo("b");
    assertThat(rows.get(1).p50Nanos()).isEqualTo(20);
    assertThat(rows.get(1).payloadBytes()).isEqualTo(64);
  }

  @Test
  void aOneWayPrimerMovesItemsUntilItsTimeHasPassed() throws Exception {
    List<Long> batches = new ArrayList<>();
    long start = System.nanoTime();
    Plan.primeOneWay(items -> {
      batches.add(items);
      Thread.sleep(20);
      return 1;
    });
    long elapsed = System.nanoTime() - start;
    assertThat(elapsed).isAtLeast(Plan.PRIME_NANOS);
    assertThat(batches.size()).isAtLeast((int) (Plan.PRIME_NANOS / 20_000_000L) - 1);
    assertThat(new java.util.HashSet<>(batches)).containsExactly((long) Plan.PRIME_ITEMS);
  }
}
