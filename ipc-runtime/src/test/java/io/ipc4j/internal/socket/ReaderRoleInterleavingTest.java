package io.ipc4j.internal.socket;

import java.util.concurrent.locks.LockSupport;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;

/**
 * The hand-off of a renderer socket's reader role, in every interleaving Lincheck's model checker explores: one
 * reader at a time, and a role handed to a thread that stops waiting is handed on, never lost (a lost role would
 * leave the socket unread, and the model checker reports the threads that then wait forever).
 */
class ReaderRoleInterleavingTest {
  /**
   * Enough to find a role lost by a thread that leaves as it is handed the role: with that broken, the model
   * checker first reported it after about a hundred invocations.
   */
  private static final int INVOCATIONS = Math.max(400, Integer.getInteger("ipc4j.lincheck.invocations", 60));

  /** What the threads of one run saw; plain fields, as the role's holder is the only one to touch them. */
  private static final class Seen {
    int reading;
    int reads;
    boolean overlapped;
  }

  /** Waits for the role as a reader does: queued, parked, and back when it is handed over. */
  private static void readOnce(ReaderRole role, Seen seen) {
    Thread me = Thread.currentThread();
    while (!role.takeOrQueue(me)) {
      LockSupport.park();
    }
    if (++seen.reading > 1) {
      seen.overlapped = true;
    }
    seen.reads++;
    seen.reading--;
    role.pass(me);
  }

  @Test
  void threeThreadsThatWantTheRoleEachReadAloneAndItEndsFree() {
    Lincheck.runConcurrentTest(INVOCATIONS, () -> {
      ReaderRole role = new ReaderRole();
      Seen seen = new Seen();
      Thread background = new Thread(() -> readOnce(role, seen));
      Thread caller = new Thread(() -> readOnce(role, seen));
      Thread other = new Thread(() -> readOnce(role, seen));
      background.start();
      caller.start();
      other.start();
      join(background, caller, other);
      check(!seen.overlapped, "two threads held the role at once");
      check(seen.reads == 3, "reads: " + seen.reads);
      check(role.isFree(), "the role was left held: " + role);
    });
  }

  @Test
  void aRoleHandedToACallerThatStopsWaitingGoesOnToTheNextInLine() {
    Lincheck.runConcurrentTest(INVOCATIONS, () -> {
      ReaderRole role = new ReaderRole();
      Seen seen = new Seen();
      Thread leader = new Thread(() -> {
        Thread me = Thread.currentThread();
        role.takeOrQueue(me); // may find the role taken: then it waits for it like the others
        while (!role.holds(me)) {
          LockSupport.park();
        }
        seen.reads++;
        role.pass(me); // its reply came: the role goes on
      });
      Thread quitter = new Thread(() -> {
        Thread me = Thread.currentThread();
        if (role.takeOrQueue(me)) {
          seen.reads++;
          role.pass(me);
        } else {
          role.leave(me); // its call ended meanwhile: it may have been handed the role as it left
        }
      });
      Thread background = new Thread(() -> readOnce(role, seen));
      leader.start();
      quitter.start();
      background.start();
      join(leader, quitter, background);
      check(seen.reads >= 2, "reads: " + seen.reads);
      check(role.isFree(), "the role was left held: " + role);
    });
  }

  @Test
  void aQueuedThreadThatLeavesIsNeverHandedTheRoleAfterwards() {
    Lincheck.runConcurrentTest(INVOCATIONS, () -> {
      ReaderRole role = new ReaderRole();
      Thread holder = new Thread(() -> {
        Thread me = Thread.currentThread();
        if (role.takeOrQueue(me)) {
          role.pass(me);
        } else {
          role.leave(me);
        }
      });
      Thread quitter = new Thread(() -> {
        Thread me = Thread.currentThread();
        if (role.takeOrQueue(me)) {
          role.pass(me);
        } else {
          role.leave(me);
        }
      });
      holder.start();
      quitter.start();
      join(holder, quitter);
      check(role.isFree(), "a thread that left still holds the role: " + role);
    });
  }

  private static void join(Thread... threads) {
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Truth's subjects confuse the model checker's bookkeeping: plain checks inside a checked run. */
  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }
}
