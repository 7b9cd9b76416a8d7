package io.ipc4j.internal;

import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.codec.ValueCodec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;

/**
 * The timed-get race of a call, in every interleaving Lincheck's model checker explores (the whole life of a call
 * is {@link CallLifeModelTest}'s).
 */
class CallLifeInterleavingTest {
  /** A codec with no record or enum codecs: these tests send none. */
  private static final ValueCodec CODEC = new ValueCodec(new CodecRegistry());

  private static final Message.Reply REPLY = new Message.Reply(1, true, CODEC.encodeValue("answer"));

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

  /**
   * The race, reduced to its two threads: the reply is in and the loop was given the future to settle;
   * the loop settles while the caller waits with a generous timed get. The caller must get the reply in every
   * interleaving (it once got a TimeoutException when the loop held the settle flag).
   */
  @Test
  void aTimedGetNeverTimesOutOnceTheReplyIsInWhileTheLoopSettles() {
    Lincheck.runConcurrentTest(Integer.getInteger("ipc4j.lincheck.invocations", 60), () -> {
      TestCallOwner owner = new TestCallOwner();
      PendingCall call = new PendingCall(owner, 1, "ch", Duration.ofSeconds(30));
      ReplyFuture<Object> future = call.future();
      call.end(REPLY); // on the socket reader: nobody waits yet, so the loop is asked to settle
      String[] seen = new String[1];
      Threads.runTogether(owner::runLoop, () -> seen[0] = outcome(() -> future.get(60, TimeUnit.SECONDS)));
      expect("answer", seen[0]);
    });
  }

  /** The same with the reply arriving on a third thread while the caller starts to wait. */
  @Test
  void aTimedGetSeesAReplyThatArrivesWhileItStartsToWait() {
    Lincheck.runConcurrentTest(Integer.getInteger("ipc4j.lincheck.invocations", 60), () -> {
      TestCallOwner owner = new TestCallOwner();
      PendingCall call = new PendingCall(owner, 1, "ch", Duration.ofSeconds(30));
      ReplyFuture<Object> future = call.future();
      String[] seen = new String[1];
      Threads.runTogether(() -> {
        call.end(REPLY);
        owner.runLoop(); // the loop, right after the reply (as when the reader thread is the loop's)
      }, () -> seen[0] = outcome(() -> future.get(60, TimeUnit.SECONDS)));
      expect("answer", seen[0]);
    });
  }

  /** Truth's subjects confuse the model checker's bookkeeping: plain checks inside a checked run. */
  private static void expect(Object expected, Object actual) {
    if (!expected.equals(actual)) {
      throw new AssertionError("expected " + expected + ", saw " + actual);
    }
  }
}
