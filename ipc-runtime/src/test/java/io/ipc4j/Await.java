package io.ipc4j;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Test helpers that wait with a deadline (a test never hangs). */
final class Await {
  static final long SECONDS = 10;

  private Await() {}

  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** A queue of received values whose take has a deadline. */
  static final class Inbox<T> {
    private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();

    void put(T value) {
      queue.add(value);
    }

    T take() {
      try {
        T value = queue.poll(SECONDS, TimeUnit.SECONDS);
        if (value == null) {
          fail("nothing arrived within " + SECONDS + " s");
        }
        return value;
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    /** Asserts nothing more arrives within {@code millis}. */
    void assertEmptyAfter(long millis) {
      try {
        T value = queue.poll(millis, TimeUnit.MILLISECONDS);
        if (value != null) {
          fail("unexpected arrival: " + value);
        }
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    int size() {
      return queue.size();
    }
  }
}
