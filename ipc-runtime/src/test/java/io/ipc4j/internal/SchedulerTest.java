package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler's timed tasks: in deadline order, cancellable, robust, idle without CPU, started lazily. */
class SchedulerTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private final String name = "scheduler-test-" + NAMES.incrementAndGet();
  private final Scheduler scheduler = new Scheduler(name, Duration.ofSeconds(1));

  @AfterEach
  void close() {
    scheduler.close();
  }

  private Thread thread() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
        .findFirst().orElse(null);
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void tasksRunInTheOrderOfTheirDeadlinesAndTiesInTheOrderTheyWereScheduled() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(5);
    long now = System.nanoTime();
    long ms = TimeUnit.MILLISECONDS.toNanos(1);
    scheduler.scheduleAt(now + 90 * ms, () -> { ran.add("90"); done.countDown(); });
    scheduler.scheduleAt(now + 30 * ms, () -> { ran.add("30a"); done.countDown(); });
    scheduler.scheduleAt(now + 60 * ms, () -> { ran.add("60"); done.countDown(); });
    scheduler.scheduleAt(now + 30 * ms, () -> { ran.add("30b"); done.countDown(); });
    scheduler.scheduleAt(now - 10 * ms, () -> { ran.add("past"); done.countDown(); });
    await(done);
    assertThat(ran).containsExactly("past", "30a", "30b", "60", "90").inOrder();
  }

  @Test
  void aTaskRunsNoSoonerThanItsDelay() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Long> ranAt = new AtomicReference<>();
    long start = System.nanoTime();
    scheduler.schedule(Duration.ofMillis(50), () -> { ranAt.set(System.nanoTime()); done.countDown(); });
    await(done);
    assertThat(ranAt.get() - start).isAtLeast(TimeUnit.MILLISECONDS.toNanos(50));
  }

  @Test
  void anEarlierTaskScheduledWhileTheThreadWaitsForALaterOneRunsOnTime() throws Exception {
    scheduler.schedule(Duration.ofMinutes(10), () -> {});
    CountDownLatch done = new CountDownLatch(1);
    long start = System.nanoTime();
    scheduler.schedule(Duration.ofMillis(20), done::countDown);
    await(done);
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void aCancelledTaskNeverRunsAndOnlyTheFirstCancelOfAPendingTaskSucceeds() throws Exception {
    AtomicInteger cancelledRuns = new AtomicInteger();
    Scheduler.Timer cancelled = scheduler.schedule(Duration.ofMillis(30), cancelledRuns::incrementAndGet);
    assertThat(cancelled.cancel()).isTrue();
    assertThat(cancelled.cancel()).isFalse();
    CountDownLatch later = new CountDownLatch(1);
    Scheduler.Timer ran = scheduler.schedule(Duration.ofMillis(60), later::countDown);
    await(later);
    assertThat(cancelledRuns.get()).isEqualTo(0);
    assertThat(ran.cancel()).isFalse(); // too late: it has run
  }

  @Test
  void aTaskThatThrowsDoesNotStopTheScheduler() throws Exception {
    CountDownLatch after = new CountDownLatch(2);
    scheduler.schedule(Duration.ofMillis(10), () -> { throw new IllegalStateException("test"); });
    scheduler.schedule(Duration.ofMillis(20), () -> { throw new AssertionError("test"); });
    scheduler.schedule(Duration.ofMillis(30), after::countDown);
    scheduler.schedule(Duration.ofMillis(40), after::countDown);
    await(after);
  }

  @Test
  void aTaskMayScheduleAnother() throws Exception {
    CountDownLatch second = new CountDownLatch(1);
    scheduler.schedule(Duration.ofMillis(10), () -> scheduler.schedule(Duration.ofMillis(10), second::countDown));
    await(second);
  }

  @Test
  void withNothingScheduledTheThreadWaitsWithoutATimeout() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    scheduler.schedule(Duration.ofMillis(10), done::countDown);
    await(done);
    Thread t = thread();
    assertThat(t).isNotNull();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(t.getState()).isEqualTo(Thread.State.WAITING); // parked until woken: no CPU at all
    scheduler.schedule(Duration.ofMinutes(10), () -> {});
    while (t.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(t.getState()).isEqualTo(Thread.State.TIMED_WAITING); // asleep until that task is due
  }

  @Test
  void theThreadStartsWithTheFirstTaskAndEndsWithClose() throws Exception {
    Thread.sleep(20);
    assertThat(thread()).isNull();
    CountDownLatch done = new CountDownLatch(1);
    scheduler.schedule(Duration.ofMillis(1), done::countDown);
    await(done);
    Thread t = thread();
    assertThat(t).isNotNull();
    scheduler.close();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
  }

  @Test
  void afterCloseNothingRunsAndNoThreadStarts() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Scheduler.Timer pending = scheduler.schedule(Duration.ofMillis(50), runs::incrementAndGet);
    scheduler.close();
    Scheduler.Timer late = scheduler.schedule(Duration.ZERO, runs::incrementAndGet);
    Thread.sleep(150);
    assertThat(runs.get()).isEqualTo(0);
    assertThat(pending.cancel()).isFalse();
    assertThat(late.cancel()).isFalse();
    assertThat(thread()).isNull();
  }

  @Test
  void aFutureLeftIncompleteIsCompletedWithTheValueWhenTheDelayEnds() throws Exception {
    CompletableFuture<String> future = new CompletableFuture<>();
    AtomicReference<String> completedOn = new AtomicReference<>();
    scheduler.completeOnTimeout(future, "timed out", Duration.ofMillis(20))
        .thenRun(() -> completedOn.set(Thread.currentThread().getName()));
    assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo("timed out");
    assertThat(completedOn.get()).isEqualTo(name); // on the scheduler's thread, not a JVM-wide one
  }

  @Test
  void aFutureThatCompletesFirstKeepsItsValueAndItsTimerIsCancelled() {
    CompletableFuture<String> future = new CompletableFuture<>();
    scheduler.completeOnTimeout(future, "timed out", Duration.ofMinutes(10));
    assertThat(scheduler.scheduledTasks()).isEqualTo(1);
    future.complete("in time");
    assertThat(scheduler.scheduledTasks()).isEqualTo(0);
    assertThat(future.join()).isEqualTo("in time");
  }
}
