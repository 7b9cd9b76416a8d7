package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The idle strategy's adaptive spin: full while spinning pays, halving to nothing when it does not, probing now and then. */
class IdleStrategyTest {
  @Test
  void missesHalveTheBudgetToNothingAndACatchRestoresIt() {
    IdleStrategy spin = new IdleStrategy(20_000);
    assertThat(spin.next()).isEqualTo(20_000);
    spin.record(20_000, false);
    assertThat(spin.next()).isEqualTo(10_000);
    spin.record(10_000, false);
    spin.record(5_000, false);
    assertThat(spin.current()).isEqualTo(2_500);
    spin.record(2_500, false); // 1 250
    spin.record(1_250, false); // below a microsecond: none
    assertThat(spin.current()).isEqualTo(0);
    spin.record(0, true); // a wait that did not spin teaches nothing
    assertThat(spin.current()).isEqualTo(0);
    spin.record(20_000, true); // a probe that caught its event
    assertThat(spin.current()).isEqualTo(20_000);
  }

  @Test
  void aWaiterWithNoBudgetProbesWithTheFullSpinEverySixteenthWait() {
    IdleStrategy spin = new IdleStrategy(20_000);
    while (spin.current() > 0) {
      spin.record(spin.next(), false);
    }
    int probes = 0;
    for (int i = 0; i < 4 * IdleStrategy.PROBE_INTERVAL; i++) {
      long budget = spin.next();
      if (budget > 0) {
        assertThat(budget).isEqualTo(20_000);
        probes++;
      }
      spin.record(budget, false); // a failed probe leaves nothing again
      assertThat(spin.current()).isAtMost(10_000);
      while (spin.current() > 0) {
        spin.record(spin.current(), false);
      }
    }
    assertThat(probes).isEqualTo(4);
  }

  @Test
  void aWaiterThatNeverSpinsNeverProbes() {
    IdleStrategy spin = new IdleStrategy(0);
    for (int i = 0; i < 100; i++) {
      assertThat(spin.next()).isEqualTo(0);
      spin.record(0, false);
    }
  }

  @Test
  void aWaitThatEndsWhileSpinningIsCaughtAndKeepsTheFullBudget() {
    IdleStrategy idle = new IdleStrategy(1_000_000_000);
    AtomicInteger checks = new AtomicInteger();
    boolean caught = idle.spinWhile(() -> checks.incrementAndGet() < 10);
    assertThat(caught).isTrue();
    assertThat(checks.get()).isEqualTo(10);
    assertThat(idle.current()).isEqualTo(1_000_000_000);
  }

  @Test
  void aWaitThatOutlastsTheSpinTellsTheWaiterToParkAndHalvesTheBudget() {
    IdleStrategy idle = new IdleStrategy(2_000_000, 0);
    long start = System.nanoTime();
    boolean caught = idle.spinWhile(() -> true);
    assertThat(caught).isFalse();
    assertThat(System.nanoTime() - start).isAtLeast(2_000_000L);
    assertThat(idle.current()).isEqualTo(1_000_000);
  }

  @Test
  void withNoBudgetTheWaiterParksWithoutAnotherCheck() {
    IdleStrategy idle = new IdleStrategy(0);
    AtomicInteger checks = new AtomicInteger();
    assertThat(idle.spinWhile(() -> checks.incrementAndGet() > 0)).isFalse();
    assertThat(checks.get()).isEqualTo(0);
  }
}
