package io.ipc4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;

/**
 * The race between the answer to the main process's call, a cancel of its future and a thread blocked on it, in
 * every interleaving Lincheck's model checker explores: exactly one of the answer and the cancel wins, and a blocked
 * thread never takes an answer from a future that ends cancelled.
 */
class MainFutureInterleavingTest {
  /**
   * A loop whose turn comes only when the test says: it keeps the tasks it is given, so the answer stays with the
   * call for a while and a blocked thread may take it from there (the window this test is about). No spinning
   * waiters.
   */
  private static final class LateLoop extends EventLoop {
    private final List<Runnable> tasks = new ArrayList<>();

    LateLoop() {
      super("ipc4j-test-loop", 0, 0, null);
    }

    @Override
    public synchronized void execute(Runnable task) {
      tasks.add(task);
    }

    /** The loop's turn: runs what it was given. */
    void runTasks() {
      List<Runnable> due;
      synchronized (this) {
        due = new ArrayList<>(tasks);
        tasks.clear();
      }
      due.forEach(Runnable::run);
    }

    @Override
    boolean nothingToDo() {
      return true;
    }

    @Override
    void sleep() {}

    @Override
    void wake() {}
  }

  @Test
  void theAnswerOrTheCancelWinsAndABlockedThreadAgreesWithTheWinner() {
    // The losing interleaving is rare among the three threads' (60 runs, the other tests' number, missed it).
    Lincheck.runConcurrentTest(Math.max(600, Integer.getInteger("ipc4j.lincheck.invocations", 60)), () -> {
      LateLoop loop = new LateLoop();
      MainFuture<Object> future = new MainFuture<>(loop);
      boolean[] cancelled = new boolean[1];
      Object[] joined = new Object[1];
      Thread answer = new Thread(() -> future.settle("answer", null));
      Thread cancel = new Thread(() -> cancelled[0] = future.cancel(true));
      Thread joiner = new Thread(() -> {
        try {
          joined[0] = future.join();
        } catch (CancellationException e) {
          joined[0] = "cancelled";
        }
      });
      answer.start();
      cancel.start();
      joiner.start();
      Threads.join(answer, cancel);
      loop.runTasks(); // the loop completes the future, unless it was cancelled
      Threads.join(joiner);
      String expected = cancelled[0] ? "cancelled" : "answer";
      if (!expected.equals(joined[0])) {
        throw new AssertionError("cancel returned " + cancelled[0] + " but the blocked thread got " + joined[0]);
      }
      if (future.isCancelled() != cancelled[0] || !future.isDone()) { // done: answered, or cancelled
        throw new AssertionError("cancel returned " + cancelled[0] + " but the future ended cancelled: "
            + future.isCancelled());
      }
    });
  }
}
