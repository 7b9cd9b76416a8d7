package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The task queue on one thread: a task that is its own node is queued as itself, in order with wrapped ones. */
class TaskQueueTest {
  @Test
  void aTaskThatIsItsOwnNodeComesBackAsItselfInOrderWithPlainOnes() {
    TaskQueue queue = new TaskQueue();
    List<String> ran = new ArrayList<>();
    TaskQueue.Task own = new TaskQueue.Task() {
      @Override
      public void run() {
        ran.add("own");
      }
    };
    Runnable plain = () -> ran.add("plain");

    queue.offer(plain);
    queue.offer(own);
    Runnable first = queue.poll();
    Runnable second = queue.poll();

    assertThat(first).isSameInstanceAs(plain);
    assertThat(second).isSameInstanceAs(own); // no node was made for it: the queue links the task itself
    assertThat(queue.current()).isSameInstanceAs(own);
    assertThat(queue.poll()).isNull();
    assertThat(queue.isEmpty()).isTrue();
  }
}
