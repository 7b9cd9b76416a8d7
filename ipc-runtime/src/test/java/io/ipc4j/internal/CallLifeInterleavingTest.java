package io.ipc4j.internal;

import io.ipc4j.internal.codec.ValueCodec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;

/** Every interleaving of a call's life, explored by Lincheck's model checker. */
class CallLifeInterleavingTest {
  private static final Message.Reply REPLY = new Message.Reply(1, true, ValueCodec.encodeValue("answer"));

  private static String outcome(ThrowingSupplier s) {
    try {
      return String.valueOf(s.get());
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CompletionException e) {
      return e.getCause().getClass().getSimpleName();
    } catch (Exception e) {
      return e.getClass().getSimpleName();
    }
  }

  interface ThrowingSupplier {
    Object get() throws Exception;
  }

  @Test
  void aTimedGetNeverTimesOutOnceTheReplyIsInWhileTheLoopSettles() {
    Lincheck.runConcurrentTest(Integer.getInteger("ipc4j.lincheck.invocations", 150), () -> {
      TestCallOwner owner = new TestCallOwner();
      PendingCall call = new PendingCall(owner, 1, "ch", Duration.ofSeconds(30));
      ReplyFuture<Object> future = call.future();
      String[] seen = new String[1];
      Thread reader = new Thread(() -> call.complete(REPLY));
      Thread loop = new Thread(owner::runLoop);
      Thread caller = new Thread(() -> seen[0] = outcome(() -> future.get(60, TimeUnit.SECONDS)));
      reader.start();
      loop.start();
      caller.start();
      join(reader, loop, caller);
      expect("answer", seen[0]);
    });
  }

  /** Truth's subjects confuse the model checker's bookkeeping: plain checks inside a checked run. */
  private static void expect(Object expected, Object actual) {
    if (!expected.equals(actual)) {
      throw new AssertionError("expected " + expected + ", saw " + actual);
    }
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
}
