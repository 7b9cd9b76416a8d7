package io.ipc4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;

/**
 * The loop's task queue in every interleaving Lincheck's model checker finds: two producers offer, the one
 * consumer polls and checks for work meanwhile, then takes what is left; one producer's tasks are their own nodes
 * ({@link TaskQueue.Task}), the other's are wrapped. Every task runs exactly once, each producer's tasks in the
 * order offered, and a queue the consumer saw non-empty always gives it a task.
 *
 * <p>The queue is not linearizable and need not be: a poll may miss a task whose producer is between its swap
 * and its link, even after a later producer finished; that producer's own wake-up brings the loop back.
 */
class TaskQueueInterleavingTest {
  @Test
  void everyTaskRunsOnceInItsProducersOrder() {
    Lincheck.runConcurrentTest(Integer.getInteger("ipc4j.lincheck.invocations", 40), () -> {
      TaskQueue queue = new TaskQueue();
      List<String> ran = new ArrayList<>(); // the consumer's alone: one thread at a time, ordered by join
      AtomicBoolean emptyButNothing = new AtomicBoolean();
      Thread first = new Thread(() -> {
        queue.offer(new Adding(ran, "a1"));
        queue.offer(new Adding(ran, "a2"));
      });
      Thread second = new Thread(() -> {
        queue.offer(() -> ran.add("b1"));
        queue.offer(() -> ran.add("b2"));
      });
      Thread consumer = new Thread(() -> {
        for (int i = 0; i < 3; i++) {
          boolean empty = queue.isEmpty();
          Runnable task = queue.poll();
          if (!empty && task == null) {
            emptyButNothing.set(true); // checked on the test's thread: a throw here would die with this thread
          }
          if (task != null) {
            task.run();
          }
        }
      });
      first.start();
      second.start();
      consumer.start();
      Threads.join(first, second, consumer);
      if (emptyButNothing.get()) {
        throw new AssertionError("isEmpty() said there was work, poll() found none");
      }
      for (Runnable task; (task = queue.poll()) != null; ) {
        task.run();
      }
      if (!queue.isEmpty()) {
        throw new AssertionError("a drained queue says it has work");
      }
      if (ran.size() != 4 || !ran.containsAll(List.of("a1", "a2", "b1", "b2"))
          || ran.indexOf("a1") > ran.indexOf("a2") || ran.indexOf("b1") > ran.indexOf("b2")) {
        throw new AssertionError("tasks ran as " + ran);
      }
    });
  }

  /** A task that is its own node. */
  private static final class Adding extends TaskQueue.Task {
    private final List<String> ran;
    private final String name;

    Adding(List<String> ran, String name) {
      this.ran = ran;
      this.name = name;
    }

    @Override
    public void run() {
      ran.add(name);
    }
  }
}
