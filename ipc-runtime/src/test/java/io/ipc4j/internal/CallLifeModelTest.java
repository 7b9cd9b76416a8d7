package io.ipc4j.internal;

import io.ipc4j.internal.codec.ValueCodec;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * A call's life against its sequential specification, in every interleaving Lincheck's model checker finds: the
 * reply, the deadline, a disconnect and a cancel race to end the call; the loop settles the future; callers join,
 * wait with a timed get, poll {@code isDone} and {@code getNow}. Whatever the interleaving, each caller sees what
 * some one-at-a-time order of the same operations gives ({@link Spec}).
 *
 * <p>Scenarios are generated here (seeded, printed), not by Lincheck, so that a thread that blocks always has a
 * thread that ends the call: a join with nothing to end it would wait for the 30 s deadline, which the model
 * checker would rightly call a hang. {@code -Dipc4j.lincheck.scenarios=N} runs more.
 */
public class CallLifeModelTest {
  static final Message.Reply REPLY = new Message.Reply(1, true, ValueCodec.encodeValue("answer"));

  private final TestCallOwner owner = new TestCallOwner();
  private final PendingCall call = new PendingCall(owner, 1, "ch", Duration.ofSeconds(30));
  private final ReplyFuture<Object> future = call.future();

  /** For Lincheck: a fresh call per run. */
  public CallLifeModelTest() {}

  /** The host's reply arrives (on the socket reader's thread). */
  @Operation
  public boolean reply() {
    return call.end(REPLY);
  }

  /** The deadline watcher finds the call late. */
  @Operation
  public boolean timeOut() {
    return call.timeOut();
  }

  /** The connection to the host is lost. */
  @Operation
  public void disconnect() {
    call.disconnect("The host is gone");
  }

  /** The caller cancels the invoke's future. */
  @Operation
  public boolean cancel() {
    return future.cancel(false);
  }

  /** The renderer's loop runs what it was given (settling the future, for callbacks). */
  @Operation(nonParallelGroup = "loop")
  public void loop() {
    owner.runLoop();
  }

  @Operation
  public boolean isDone() {
    return future.isDone();
  }

  @Operation
  public String getNow() {
    return describe(() -> future.getNow(null), "absent");
  }

  @Operation(blocking = true)
  public String join() {
    return describe(future::join, null);
  }

  /** A generous timed get: once the call has ended it must answer, never time out. */
  @Operation(blocking = true)
  public String timedGet() {
    return describe(() -> future.get(60, TimeUnit.SECONDS), null);
  }

  /** Once the loop has run what it was given, an ended call is forgotten and its future complete. */
  @Validate
  public void anEndedCallIsForgottenAndSettled() {
    owner.runLoop();
    if (call.ended() && (owner.forgets.get() == 0 || !future.isSettled())) {
      throw new AssertionError("ended call: forgotten " + owner.forgets.get() + " times, future settled "
          + future.isSettled());
    }
    if (!call.ended() && future.isSettled()) {
      throw new AssertionError("the future completed while the call is pending");
    }
  }

  interface Source {
    Object get() throws Exception;
  }

  static String describe(Source source, String absent) {
    try {
      Object value = source.get();
      return value == null ? absent : value.toString();
    } catch (ExecutionException | CompletionException e) {
      return e.getCause().getClass().getSimpleName();
    } catch (Exception e) {
      return e.getClass().getSimpleName();
    }
  }

  /** What each operation returns when they run one at a time. */
  public static final class Spec {
    private String outcome;

    /** For Lincheck. */
    public Spec() {}

    private boolean end(String how) {
      if (outcome != null) {
        return false;
      }
      outcome = how;
      return true;
    }

    public boolean reply() {
      return end("answer");
    }

    public boolean timeOut() {
      return end("IpcTimeoutException");
    }

    public void disconnect() {
      end("IpcDisconnectedException");
    }

    /** Ends a pending call; on an ended one it fails, unless that end was a cancel (as on any future). */
    public boolean cancel() {
      end("CancellationException");
      return outcome.equals("CancellationException");
    }

    public void loop() {}

    public boolean isDone() {
      return outcome != null;
    }

    public String getNow() {
      return outcome == null ? "absent" : outcome;
    }

    /** A caller blocks until the call ends: "blocked" never matches, so it is ordered after an end. */
    public String join() {
      return outcome == null ? "blocked" : outcome;
    }

    public String timedGet() {
      return join();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Spec s && java.util.Objects.equals(outcome, s.outcome);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hashCode(outcome);
    }
  }

  private static final String[] ENDS = {"reply", "timeOut", "disconnect", "cancel"};
  private static final String[] LOOKS = {"isDone", "getNow", "loop"};
  private static final String[] WAITS = {"join", "timedGet"};

  /**
   * Random scenarios of two or three threads where the first thread starts by ending the call (so every wait
   * ends), the others mix ends, waits and looks, and the loop stays in one thread.
   */
  static List<ExecutionScenario> scenarios(long seed, int count) throws NoSuchMethodException {
    SplittableRandom random = new SplittableRandom(seed);
    List<ExecutionScenario> scenarios = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      int threads = 2 + random.nextInt(2);
      List<List<Actor>> parallel = new ArrayList<>();
      boolean loopTaken = false;
      for (int t = 0; t < threads; t++) {
        List<Actor> ops = new ArrayList<>();
        int size = 1 + random.nextInt(2);
        for (int i = 0; i < size; i++) {
          String name;
          if (t == 0 && i == 0) {
            name = pick(random, ENDS);
          } else {
            int kind = random.nextInt(3);
            name = kind == 0 ? pick(random, ENDS) : kind == 1 ? pick(random, WAITS) : pick(random, LOOKS);
          }
          if (name.equals("loop")) {
            if (loopTaken && !ops.stream().anyMatch(a -> a.getMethod().getName().equals("loop"))) {
              name = "getNow";
            }
            loopTaken = true;
          }
          ops.add(actor(name));
        }
        parallel.add(ops);
      }
      List<Actor> init = random.nextInt(4) == 0 ? List.of(actor(pick(random, ENDS))) : List.of();
      List<Actor> post = List.of(actor("getNow"));
      scenarios.add(new ExecutionScenario(init, parallel, post, actor("anEndedCallIsForgottenAndSettled")));
    }
    return scenarios;
  }

  private static String pick(SplittableRandom random, String[] names) {
    return names[random.nextInt(names.length)];
  }

  private static Actor actor(String name) throws NoSuchMethodException {
    Method m = CallLifeModelTest.class.getMethod(name);
    boolean blocking = Arrays.asList(WAITS).contains(name);
    return new Actor(m, List.of(), false, blocking, false, false, false);
  }

  @Test
  void everyCallerSeesOneOutcomeInEveryInterleaving() throws Exception {
    long seed = Long.getLong("ipc4j.lincheck.seed", 10L);
    int count = Integer.getInteger("ipc4j.lincheck.scenarios", 10);
    System.out.println("CallLifeModelTest seed " + seed + " (-Dipc4j.lincheck.seed=" + seed + " repeats it)");
    ModelCheckingOptions options = new ModelCheckingOptions()
        .iterations(0)
        .invocationsPerIteration(Integer.getInteger("ipc4j.lincheck.invocations", 25))
        .sequentialSpecification(Spec.class);
    for (ExecutionScenario scenario : scenarios(seed, count)) {
      options.addCustomScenario(scenario);
    }
    options.check(CallLifeModelTest.class);
  }
}
