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
  void aWaiterWithNoBudgetProbesWithTheFullSpinAboutEverySixteenthWaitAtVaryingSpacing() {
    IdleStrategy spin = exhausted(new IdleStrategy(20_000));
    spin.random = 0x2545F491;
    java.util.Set<Integer> gaps = new java.util.TreeSet<>();
    int probes = 0;
    int sinceLast = 0;
    int waits = 64 * IdleStrategy.PROBE_INTERVAL;
    for (int i = 0; i < waits; i++) {
      long budget = spin.next();
      sinceLast++;
      if (budget > 0) {
        assertThat(budget).isEqualTo(20_000);
        probes++;
        gaps.add(sinceLast);
        sinceLast = 0;
      }
      spin.record(budget, false); // a failed probe leaves nothing again
      assertThat(spin.current()).isAtMost(10_000);
      exhausted(spin);
    }
    // each probe comes 8 to 23 waits after the one before
    assertThat(gaps.size()).isAtLeast(2);
    assertThat(gaps.iterator().next()).isAtLeast(IdleStrategy.PROBE_INTERVAL / 2);
    assertThat(((java.util.TreeSet<Integer>) gaps).last()).isLessThan(IdleStrategy.PROBE_INTERVAL * 3 / 2);
    assertThat(probes).isAtLeast(waits / (IdleStrategy.PROBE_INTERVAL * 3 / 2));
    assertThat(probes).isAtMost(waits / (IdleStrategy.PROBE_INTERVAL / 2));
  }

  @Test
  void twoWaitersThatWaitOncePerCallEachProbeInTheSameCallSooner() {
    // A caller and the loop that answers it both stopped spinning; a spin catches only when the other spins as well.
    // Out of step by one wait, two waiters that probed every sixteenth wait never probed together.
    IdleStrategy caller = exhausted(new IdleStrategy(20_000));
    IdleStrategy loop = exhausted(new IdleStrategy(20_000));
    caller.random = 0x2545F491; // fixed spacings, so the test is the same every run (each waiter's own is random)
    loop.random = 0x9E3779B9;
    loop.record(loop.next(), false);
    int together = 0;
    for (int call = 0; call < 400 * IdleStrategy.PROBE_INTERVAL; call++) {
      long a = caller.next();
      long b = loop.next();
      if (a > 0 && b > 0) {
        together++;
      }
      caller.record(a, false);
      loop.record(b, false);
      exhausted(caller);
      exhausted(loop);
    }
    assertThat(together).isAtLeast(1);
  }

  /** Misses until the budget is nothing, without the waits that would count towards a probe. */
  private static IdleStrategy exhausted(IdleStrategy spin) {
    while (spin.current() > 0) {
      spin.record(spin.current(), false);
    }
    return spin;
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
