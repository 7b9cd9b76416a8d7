package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both kinds of loop, plain and polling: order, survival, an idle thread that sleeps, an orderly end. */
class EventLoopTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static EventLoop loop(boolean polling) {
    return EventLoop.start("loop-test-" + NAMES.incrementAndGet(), 20_000, polling, null, null);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void tasksRunInTheOrderTheyWereQueuedAndAThrowingTaskDoesNotEndTheLoop(boolean polling) throws Exception {
    EventLoop loop = loop(polling);
    List<Integer> ran = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    for (int i = 0; i < 200; i++) {
      int n = i;
      loop.execute(() -> ran.add(n));
      if (i == 100) {
        loop.execute(() -> {
          throw new StackOverflowError("test");
        });
      }
    }
    loop.execute(done::countDown);
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).hasSize(200);
    for (int i = 0; i < 200; i++) {
      assertThat(ran.get(i)).isEqualTo(i);
    }
    loop.shutdown();
    loop.awaitTermination(10_000);
    assertThat(loop.thread().isAlive()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anIdleLoopSleepsAndATaskWakesIt(boolean polling) throws Exception {
    EventLoop loop = loop(polling);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!EventLoop.isAsleep(loop.activity()) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(50);
      assertThat(EventLoop.isAsleep(loop.activity())).isTrue();
      if (!polling) {
        assertThat(loop.thread().getState()).isEqualTo(Thread.State.WAITING); // parked: no CPU
      }
      assertThat(loop.poller() != null).isEqualTo(polling);
      CountDownLatch ran = new CountDownLatch(1);
      loop.execute(ran::countDown);
      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      loop.shutdown();
      loop.awaitTermination(10_000);
    }
  }
}
