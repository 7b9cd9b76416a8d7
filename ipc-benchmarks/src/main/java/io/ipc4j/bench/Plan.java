package io.ipc4j.bench;

import io.ipc4j.IpcHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How long to run: the quick mode for a check, the full mode for the published table. Both warm each row up by the
 * same rule ({@link Warmup}); the quick mode only makes fewer and smaller rounds.
 */
record Plan(boolean quick, int rounds) {
  static final int[] PAYLOADS = {64, 4096, 256 * 1024, 3 * 1024 * 1024};

  /**
   * JVM options for every peer and renderer JVM a steady-state row starts (not the cold-start rows, which measure
   * JVMs as they come). Without transparent huge pages, the first touch of each 4 KiB page of a JVM's heap is a page
   * fault, about 7 µs on a virtual machine; a JVM that allocates a few large arrays per call (as ipc4j, RMI and gRPC
   * do for a 256 KiB echo) then spends about 2.5 ms a call faulting for hundreds of calls whenever its heap grows into
   * memory it has not touched, which can be after any warm-up. Quick runs caught such phases at 8–16× the raw
   * socket. With huge pages a fault maps 2 MiB at once and the phases are gone.
   */
  static final List<String> STEADY_JVM_OPTIONS = List.of("-XX:+UseTransparentHugePages");

  /** A host over sockets whose renderer JVMs run with {@link #STEADY_JVM_OPTIONS}. */
  static IpcHost socketHost() {
    return IpcHost.builder().jvmOptions(STEADY_JVM_OPTIONS.toArray(String[]::new)).overSockets();
  }

  /**
   * The least number of warm-up calls for a payload size, the same in both modes: the JIT compiles a path fully
   * only after it has run some thousands of times.
   */
  int warmup(int payload) {
    return scaled(payload, 20_000);
  }

  /** Calls per warm-up batch, whose median {@link Warmup} compares with the batches before it; both modes alike. */
  int warmupBatch(int payload) {
    return scaled(payload, 1_000);
  }

  /** Warms {@code call} up until it is steady (see {@link Warmup}). */
  void warmUp(String name, int payload, Runnable call) {
    warmUp(name, payload, Warmup.timing(call));
  }

  /** Warms a batch of calls up until it is steady (see {@link Warmup}), and says so when it never was. */
  void warmUp(String name, int payload, Warmup.Batch batch) {
    try {
      List<Long> medians = Warmup.untilSteady(warmup(payload), warmupBatch(payload), batch);
      if (!Warmup.isSteady(medians)) {
        System.err.printf("warning: %s at %d bytes was not steady after %d warm-up batches: %s%n", name, payload,
            medians.size(), medians.subList(medians.size() - Warmup.STEADY_BATCHES, medians.size()));
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Rows of one-way items (messages or stream items): warms each measure up until steady
   * ({@link Warmup#untilSteady(String, Warmup.PerItem)}), then runs them in turns, a quarter of {@link #messages()}
   * items a round, each round primed as a round trip round is ({@link #primeOneWay}); a row's p50 is its median
   * round's time per item, its p99 the slowest round's.
   */
  List<Row> oneWayRows(Map<String, Warmup.PerItem> measures, int itemBytes) throws Exception {
    long items = messages() / 4;
    Map<String, Round> rounds = new LinkedHashMap<>();
    for (Map.Entry<String, Warmup.PerItem> measure : measures.entrySet()) {
      Warmup.PerItem perItem = measure.getValue();
      Warmup.untilSteady(measure.getKey(), perItem);
      rounds.put(measure.getKey(), into -> {
        primeOneWay(perItem);
        into.record(perItem.nanos(items));
      });
    }
    List<Row> rows = new ArrayList<>();
    inTurns(rounds).forEach((name, samples) -> rows.add(samples.row(name, itemBytes)));
    return rows;
  }

  /** One round of one scenario: it adds its samples. */
  interface Round {
    void run(Samples into) throws Exception;
  }

  /**
   * How long each round trip round first runs its calls untimed. Rows take turns, so each round starts after the
   * other rows' rounds, with its threads idle for a while; on the 2-vCPU VM of the published runs a round trip then
   * took its slower speed (about 40 µs against 24 µs at 64 B) for its first 1,000–2,500 calls, 40–100 ms. Quick
   * rounds (500 calls) fell within that whole and full rounds (2,500) partly, so the two modes measured different
   * mixtures. Both modes prime alike: they time the speed a steady stream of calls gets.
   */
  static final long PRIME_NANOS = 100_000_000;

  /** One untimed step of a primer: a call, or a batch of one-way items. */
  private interface Step {
    void run() throws Exception;
  }

  /** Runs {@code step} again and again, untimed, until {@link #PRIME_NANOS} have passed: the start of every round. */
  private static void prime(Step step) throws Exception {
    long until = System.nanoTime() + PRIME_NANOS;
    do {
      step.run();
    } while (System.nanoTime() - until < 0);
  }

  /** Items in each untimed batch of a one-way round's primer. */
  static final int PRIME_ITEMS = 2_000;

  /**
   * Moves batches of {@link #PRIME_ITEMS} one-way items, untimed, for at least {@link #PRIME_NANOS}: the start of
   * every one-way round. The threads of a one-way row wait while the other rows take their turns, as a round trip
   * row's do, and its quick rounds (12,500 items) were timed more often in the slower state that follows: three quick
   * runs put the stream row at 1.4× its full run's ratio.
   */
  static void primeOneWay(Warmup.PerItem measure) throws Exception {
    prime(() -> measure.nanos(PRIME_ITEMS));
  }

  /**
   * One round trip round wherever it is timed (here, or in a renderer JVM): primed ({@link #prime}), then {@code calls}
   * calls each timed by itself ({@link Warmup#timing}).
   *
   * @return each call's time in nanoseconds
   */
  static long[] primedRound(Runnable call, int calls) throws Exception {
    prime(call::run);
    return Warmup.timing(call).run(calls);
  }

  /** A round of {@code call} timed in this JVM ({@link #primedRound}), each result checked for its size. */
  Round timed(int payload, UnaryOperator<byte[]> call) {
    byte[] bytes = new byte[payload];
    Runnable echo = () -> check(call.apply(bytes), payload);
    return into -> into.recordAll(primedRound(echo, iterations(payload)));
  }

  /** Fails the run if an echo did not return as many bytes as were sent. */
  static void check(byte[] back, int payload) {
    if (back.length != payload) {
      throw new AssertionError("echo returned " + back.length + " bytes for " + payload);
    }
  }

  /**
   * Runs the scenarios in turns, one round each, round after round, so that drift in a shared machine weighs on
   * all alike; warm them up first.
   *
   * @return each scenario's samples, in the order given
   */
  Map<String, Samples> inTurns(Map<String, Round> scenarios) throws Exception {
    return inTurns(scenarios, rounds);
  }

  /** As {@link #inTurns(Map)}, for {@code count} rounds. */
  Map<String, Samples> inTurns(Map<String, Round> scenarios, int count) throws Exception {
    Map<String, Samples> samples = new LinkedHashMap<>();
    scenarios.keySet().forEach(name -> samples.put(name, new Samples()));
    for (int round = 0; round < count; round++) {
      for (Map.Entry<String, Round> scenario : scenarios.entrySet()) {
        scenario.getValue().run(samples.get(scenario.getKey()));
      }
    }
    return samples;
  }

  /**
   * Measured round trips per round for a payload size. Rounds are short, so that each row's rounds are spread over
   * the whole run: a shared machine's load changes within seconds, and quick runs with few long rounds caught
   * different phases of it for different rows (three quick runs disagreed with each other by far more than 15%).
   */
  int iterations(int payload) {
    return scaled(payload, quick ? 500 : 2_500);
  }

  /** Rounds of the concurrency scenario, each {@link #concurrencyMillis} long. */
  int concurrencyRounds() {
    return quick ? 3 : 10;
  }

  /** Messages for one-way throughput. */
  int messages() {
    return quick ? 50_000 : 300_000;
  }

  /** How long each timed round of the concurrency scenario lasts. */
  long concurrencyMillis() {
    return quick ? 1_000 : 3_000;
  }

  /** Processes started for cold-start rows. */
  int starts() {
    return quick ? 3 : 10;
  }

  private static int scaled(int payload, int small) {
    if (payload <= 4096) {
      return small;
    }
    if (payload <= 256 * 1024) {
      return Math.max(50, small / 20);
    }
    return Math.max(20, small / 200);
  }
}
