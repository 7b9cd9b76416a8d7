package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poller runs timed checks when they are due: its wait ends at the nearest deadline, with no thread of its own. */
class PollerTimedChecksTest {
  private final Poller poller = new Poller();

  @AfterEach
  void close() {
    poller.close();
  }

  @Test
  void aWaitWithNoSocketReadyEndsAtTheNearestDeadlineAndRunsTheCheck() {
    AtomicInteger runs = new AtomicInteger();
    long start = System.nanoTime(); // the deadline counts from here, however slowly the lines below run
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(200);
    poller.addTimed(now -> {
      if (now - deadline >= 0) {
        runs.incrementAndGet();
        return Poller.DROP;
      }
      return deadline;
    });
    while (runs.get() == 0 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
      poller.await();
    }
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(runs.get()).isEqualTo(1);
    assertThat(took).isAtLeast(200L); // never before its deadline
    assertThat(took).isLessThan(5_000L);
  }

  @Test
  void aCheckThatIsNotDueUntilToldRunsOnlyAfterCheckBy() {
    AtomicInteger runs = new AtomicInteger();
    poller.addTimed(now -> {
      runs.incrementAndGet();
      return Poller.NOT_DUE;
    });
    assertThat(runs.get()).isEqualTo(1); // once when added
    for (int i = 0; i < 100; i++) {
      poller.pollNow();
    }
    assertThat(runs.get()).isEqualTo(1);
    poller.checkBy(System.nanoTime());
    poller.pollNow();
    assertThat(runs.get()).isEqualTo(2);
  }

  @Test
  void aCheckThatThrowsIsDroppedAndTheOthersStillRun() {
    AtomicInteger failing = new AtomicInteger();
    AtomicInteger healthy = new AtomicInteger();
    poller.addTimed(now -> {
      failing.incrementAndGet();
      throw new IllegalStateException("broken check");
    });
    poller.addTimed(now -> {
      healthy.incrementAndGet();
      return now; // due again at once
    });
    for (int i = 0; i < 10; i++) {
      poller.pollNow();
    }
    assertThat(failing.get()).isEqualTo(1);
    assertThat(healthy.get()).isAtLeast(10);
  }
}
