package io.ipc4j.internal;

import io.ipc4j.IpcRegistration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;

/**
 * The registry behind {@code IpcMain} and a frame's {@code IpcRenderer} in every interleaving Lincheck's model
 * checker finds: a loop dispatches (an emit, or taking a call's handler) while another thread removes or replaces
 * what it dispatches to. A {@code once} listener or handler runs at most once, and never once its removal has said it
 * removed it; what nobody removed runs.
 *
 * <p>An emit is not linearizable against removals from another thread and need not be: like Node's, it takes its
 * list of listeners when it starts, so a plain listener removed meanwhile still runs, while a {@code once} listener
 * removed meanwhile does not (its removal claims it first).
 */
class EmitterInterleavingTest {
  private static final int INVOCATIONS = Integer.getInteger("ipc4j.lincheck.invocations", 40);

  @Test
  void aOnceListenerEitherRunsOrIsRemovedNeverBoth() {
    Lincheck.runConcurrentTest(INVOCATIONS, () -> {
      Registry registry = new Registry();
      Object once = "once";
      Object plain = "plain";
      registry.once("ch", once);
      registry.on("ch", plain);
      List<Object> ran = new ArrayList<>(); // the loop's alone, read after join
      AtomicBoolean removed = new AtomicBoolean();
      Threads.runTogether(() -> ran.addAll(emit(registry, "ch")),
          () -> removed.set(registry.off("ch", once)));
      int runs = count(ran, once);
      if (runs > 1 || (runs == 1) == removed.get()) {
        throw new AssertionError("the once listener ran " + runs + " times; off said removed: " + removed.get());
      }
      if (count(ran, plain) != 1 || registry.listenerCount("ch") != 1 || !emit(registry, "ch").equals(List.of(plain))) {
        throw new AssertionError("the plain listener ran " + count(ran, plain) + " times; left: "
            + registry.listenerCount("ch"));
      }
    });
  }

  @Test
  void twoDispatchesRunAOnceListenerOnce() {
    Lincheck.runConcurrentTest(INVOCATIONS, () -> {
      Registry registry = new Registry();
      Object once = "once";
      registry.once("ch", once);
      AtomicReference<List<Object>> first = new AtomicReference<>();
      AtomicReference<List<Object>> second = new AtomicReference<>();
      Threads.runTogether(() -> first.set(emit(registry, "ch")),
          () -> second.set(emit(registry, "ch")));
      if (first.get().size() + second.get().size() != 1 || registry.listenerCount("ch") != 0) {
        throw new AssertionError("ran " + first.get() + " and " + second.get() + "; left: "
            + registry.listenerCount("ch"));
      }
    });
  }

  @Test
  void twoCallsTakeAOnceHandlerOnce() {
    Lincheck.runConcurrentTest(INVOCATIONS, () -> {
      Registry registry = new Registry();
      Object handler = "handler";
      registry.handleOnce("ch", handler);
      AtomicReference<Object> first = new AtomicReference<>();
      AtomicReference<Object> second = new AtomicReference<>();
      Threads.runTogether(() -> first.set(registry.takeHandler("ch")),
          () -> second.set(registry.takeHandler("ch")));
      if ((first.get() == handler) == (second.get() == handler) || registry.takeHandler("ch") != null) {
        throw new AssertionError("took " + first.get() + " and " + second.get());
      }
    });
  }

  @Test
  void aOnceHandlerRunsAtMostOnceAndItsReplacementIsTakenAfterIt() {
    Lincheck.runConcurrentTest(INVOCATIONS, () -> {
      Registry registry = new Registry();
      Object first = "first";
      Object second = "second";
      IpcRegistration registration = registry.handleOnce("ch", first);
      List<Object> taken = new ArrayList<>(); // the loop's alone, read after join
      AtomicReference<Throwable> refused = new AtomicReference<>();
      Threads.runTogether(() -> {
        taken.add(registry.takeHandler("ch"));
        taken.add(registry.takeHandler("ch"));
      }, () -> {
        registration.close();
        try {
          registry.handleOnce("ch", second);
        } catch (IllegalStateException e) {
          refused.set(e);
        }
      });
      if (refused.get() != null) {
        throw new AssertionError("a handler was refused after the one before it was removed", refused.get());
      }
      int firstRuns = count(taken, first);
      int secondRuns = count(taken, second);
      boolean secondLeft = registry.takeHandler("ch") == second;
      if (firstRuns > 1 || secondRuns + (secondLeft ? 1 : 0) != 1
          || (firstRuns == 1 && secondRuns == 1 && taken.indexOf(first) > taken.indexOf(second))) {
        throw new AssertionError("took " + taken + "; the second still registered: " + secondLeft);
      }
    });
  }

  /** A dispatch as the loops make one: the list as it is now, each entry taken before it runs. */
  private static List<Object> emit(Registry registry, String channel) {
    List<Object> ran = new ArrayList<>();
    for (Emitter.Entry<Object> entry : registry.listenersOf(channel)) {
      if (registry.takeListener(channel, entry)) {
        ran.add(entry.listener);
      }
    }
    return ran;
  }

  private static int count(List<Object> ran, Object listener) {
    int n = 0;
    for (Object o : ran) {
      n += o == listener ? 1 : 0;
    }
    return n;
  }

  /** An emitter of plain objects. */
  private static final class Registry extends Emitter<Object, Object> {}
}
