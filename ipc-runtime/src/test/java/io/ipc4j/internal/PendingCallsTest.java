package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pending-call table: slots by id, a map for calls whose slot is taken, nothing lost either way. */
class PendingCallsTest {
  private final RendererContext core = new RendererContext("test-renderer", Duration.ofSeconds(30), 0, null);

  @AfterEach
  void close() {
    core.close("test over");
  }

  private PendingCall call(long id) {
    return new PendingCall(core, id, "ch", Duration.ofSeconds(30));
  }

  @Test
  void slotsArePermutedSoConsecutiveIdsLandOnDifferentLines() {
    Set<Integer> seen = new HashSet<>();
    for (int id = 0; id < PendingCalls.SLOTS; id++) {
      seen.add(PendingCalls.slot(id));
      assertThat(PendingCalls.slot(id)).isIn(com.google.common.collect.Range.closedOpen(0, PendingCalls.SLOTS));
    }
    assertThat(seen).hasSize(PendingCalls.SLOTS);
    assertThat(Math.abs(PendingCalls.slot(1) - PendingCalls.slot(0))).isAtLeast(16);
  }

  @Test
  void moreCallsThanSlotsAreAllFoundRemovedAndVisited() {
    PendingCalls<PendingCall> calls = new PendingCalls<>();
    List<PendingCall> all = new ArrayList<>();
    for (long id = 1; id <= 3L * PendingCalls.SLOTS; id++) {
      PendingCall c = call(id);
      all.add(c);
      calls.add(c);
    }
    for (PendingCall c : all) {
      assertThat(calls.get(c.id)).isSameInstanceAs(c);
    }
    assertThat(calls.get(0)).isNull();
    assertThat(calls.get(10L * PendingCalls.SLOTS)).isNull();
    List<PendingCall> visited = new ArrayList<>();
    calls.forEach(visited::add);
    assertThat(visited).containsExactlyElementsIn(all);

    PendingCall sharingASlot = all.get(PendingCalls.SLOTS); // same slot as the first call, kept in the map
    assertThat(calls.remove(all.get(0))).isTrue();
    assertThat(calls.remove(all.get(0))).isFalse();
    assertThat(calls.get(all.get(0).id)).isNull();
    assertThat(calls.get(sharingASlot.id)).isSameInstanceAs(sharingASlot);
    assertThat(calls.remove(sharingASlot)).isTrue();
    assertThat(calls.get(sharingASlot.id)).isNull();
    for (PendingCall c : all) {
      calls.remove(c);
    }
    List<PendingCall> left = new ArrayList<>();
    calls.forEach(left::add);
    assertThat(left).isEmpty();
  }
}
