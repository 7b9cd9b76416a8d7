package io.ipc4j.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * The pending-call table against a set, in every interleaving Lincheck finds: three of its four calls share one
 * slot, so the overflow map is in play. Each call is added at most once (as the runtime does), removed any number
 * of times (forget is idempotent), and looked up by id from any thread (the socket reader delivering a reply).
 */
@Param(name = "call", gen = IntGen.class, conf = "0:3")
public class PendingCallsModelTest {
  static final long[] IDS = {1, 1 + PendingCalls.SLOTS, 1 + 2L * PendingCalls.SLOTS, 2};

  private final PendingCalls<PendingCall> table = new PendingCalls<>();
  private final PendingCall[] calls = new PendingCall[IDS.length];
  private static final int NEW = 0;
  private static final int ADDING = 1;
  private static final int ADDED = 2;

  private final AtomicInteger[] added = new AtomicInteger[IDS.length];

  /** For Lincheck: a fresh table per run. */
  public PendingCallsModelTest() {
    TestCallOwner owner = new TestCallOwner();
    for (int i = 0; i < IDS.length; i++) {
      calls[i] = new PendingCall(owner, IDS[i], "ch", Duration.ofSeconds(30));
      added[i] = new AtomicInteger();
    }
  }

  /**
   * Registers call {@code k} unless it was registered before; true if this did. A second add waits for the first
   * to finish, so that "already added" means "in the table" (the runtime adds each call once; this keeps the
   * operation honest when the scenario asks twice).
   */
  @Operation
  public boolean add(@Param(name = "call") int k) {
    if (!added[k].compareAndSet(NEW, ADDING)) {
      while (added[k].get() != ADDED) {
        Thread.onSpinWait();
      }
      return false;
    }
    table.add(calls[k]);
    added[k].set(ADDED);
    return true;
  }

  /** Whether the reply for call {@code k}'s id finds that call (and never another). */
  @Operation
  public boolean get(@Param(name = "call") int k) {
    PendingCall found = table.get(IDS[k]);
    if (found != null && found != calls[k]) {
      throw new AssertionError("the id of call " + k + " found another call");
    }
    return found != null;
  }

  @Operation
  public boolean remove(@Param(name = "call") int k) {
    return table.remove(calls[k]);
  }

  /** At rest, a walk visits exactly the calls registered and not removed. */
  @Validate
  public void aWalkVisitsExactlyThePendingCalls() {
    List<Long> visited = new ArrayList<>();
    table.forEach(c -> visited.add(c.id));
    Set<Long> expected = new HashSet<>();
    for (int i = 0; i < IDS.length; i++) {
      if (table.get(IDS[i]) == calls[i]) {
        expected.add(IDS[i]);
      }
    }
    if (visited.size() != expected.size() || !expected.containsAll(visited)) {
      throw new AssertionError("walk visited " + visited + ", pending " + expected);
    }
  }

  /** The table's meaning, one operation at a time. */
  public static final class Spec {
    private final Set<Integer> everAdded = new HashSet<>();
    private final Set<Integer> pending = new HashSet<>();

    /** For Lincheck. */
    public Spec() {}

    public boolean add(int k) {
      if (!everAdded.add(k)) {
        return false;
      }
      pending.add(k);
      return true;
    }

    public boolean get(int k) {
      return pending.contains(k);
    }

    public boolean remove(int k) {
      return pending.remove(k);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Spec s && everAdded.equals(s.everAdded) && pending.equals(s.pending);
    }

    @Override
    public int hashCode() {
      return everAdded.hashCode() * 31 + pending.hashCode();
    }
  }

  @Test
  void addGetAndRemoveAreLinearizableInEveryInterleaving() {
    new ModelCheckingOptions()
        .iterations(Integer.getInteger("ipc4j.lincheck.iterations", 2))
        .invocationsPerIteration(Integer.getInteger("ipc4j.lincheck.invocations", 15))
        // The JDK's map is taken as the linearizable map it is documented to be: the interleavings explored are
        // those of the slots and of the choice between slot and map, not of the map's own internals.
        .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(ConcurrentHashMap.class.getName()).allMethods()
            .treatAsAtomic())
        .threads(3)
        .actorsPerThread(2)
        .actorsBefore(2)
        .actorsAfter(1)
        .sequentialSpecification(Spec.class)
        .check(PendingCallsModelTest.class);
  }

  @Test
  void addGetAndRemoveAreLinearizableUnderStress() {
    new StressOptions()
        .iterations(Integer.getInteger("ipc4j.lincheck.iterations", 2))
        .invocationsPerIteration(Integer.getInteger("ipc4j.lincheck.stressInvocations", 300))
        .threads(3)
        .actorsPerThread(3)
        .sequentialSpecification(Spec.class)
        .check(PendingCallsModelTest.class);
  }
}
