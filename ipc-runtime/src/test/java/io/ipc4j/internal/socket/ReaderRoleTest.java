package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The reader role's hand-off as one waiting thread sees it. A thread parked for the role is woken when the role is
 * handed to it: the model checker of {@link ReaderRoleInterleavingTest} lets a park return at any time, so it
 * cannot see a missing wake-up, which on a real socket leaves a caller parked beside its unread reply.
 */
class ReaderRoleTest {
  @Test
  void aThreadParkedForTheRoleIsWokenWhenItIsHandedOver() throws InterruptedException {
    ReaderRole role = new ReaderRole();
    Thread main = Thread.currentThread();
    assertThat(role.takeOrQueue(main)).isTrue();
    CountDownLatch queued = new CountDownLatch(1);
    CountDownLatch took = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      Thread me = Thread.currentThread();
      boolean holds = role.takeOrQueue(me);
      queued.countDown();
      while (!holds) {
        LockSupport.park(role); // no deadline: only the hand-off wakes it (or a rare spurious return)
        holds = role.holds(me);
      }
      took.countDown();
      role.pass(me);
    }, "waiter");
    waiter.setDaemon(true);
    waiter.start();
    assertThat(queued.await(10, TimeUnit.SECONDS)).isTrue();
    while (waiter.getState() != Thread.State.WAITING) { // parked, so only an unpark can bring it back
      Thread.onSpinWait();
    }
    role.pass(main);
    assertWithMessage("the queued thread took the role within 10 s").that(took.await(10, TimeUnit.SECONDS)).isTrue();
    waiter.join(10_000);
    assertThat(role.isFree()).isTrue();
  }

  @Test
  void aThreadThatLeavesTheQueueIsNotHandedTheRole() {
    ReaderRole role = new ReaderRole();
    Thread main = Thread.currentThread();
    Thread other = new Thread(() -> {});
    role.takeOrQueue(main);
    role.takeOrQueue(other);
    role.leave(other);
    role.pass(main);
    assertThat(role.isFree()).isTrue();
    assertThat(role.holds(other)).isFalse();
  }

  @Test
  void aHolderThatLeavesHandsTheRoleToTheNextInLine() {
    ReaderRole role = new ReaderRole();
    Thread first = new Thread(() -> {});
    Thread second = new Thread(() -> {});
    role.takeOrQueue(first);
    role.takeOrQueue(second);
    role.leave(first);
    assertThat(role.holds(second)).isTrue();
    role.pass(second);
    assertThat(role.isFree()).isTrue();
  }
}
