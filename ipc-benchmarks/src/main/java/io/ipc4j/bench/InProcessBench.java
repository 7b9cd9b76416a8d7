package io.ipc4j.bench;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * In-process round trips at 64 bytes: a direct call, a reflection proxy (what a reflective runtime pays), three
 * bare hand-offs to another thread, and ipc4j's untyped and generated invoke on {@code IpcHost.inProcess()}, from a
 * renderer to the main process and from the main process to a renderer.
 */
final class InProcessBench {
  static final int PAYLOAD = 64;
  private static final int BATCH = 100;

  private final Plan plan;

  InProcessBench(Plan plan) {
    this.plan = plan;
  }

  /** Times {@code call} one round trip at a time, after warming it up. */
  private Samples time(String name, UnaryOperator<byte[]> call) throws Exception {
    return inTurns(Map.of(name, call)).get(name);
  }

  /** Warms each call up, then times them one round trip at a time, taking turns round by round. */
  private Map<String, Samples> inTurns(Map<String, UnaryOperator<byte[]>> calls) throws Exception {
    return plan.inTurns(warmedRounds(calls));
  }

  /** Warms each call up and makes its timed round. */
  private Map<String, Plan.Round> warmedRounds(Map<String, UnaryOperator<byte[]>> calls) {
    byte[] payload = new byte[PAYLOAD];
    Map<String, Plan.Round> rounds = new LinkedHashMap<>();
    calls.forEach((name, call) -> {
      plan.warmUp(name, PAYLOAD, () -> call.apply(payload));
      rounds.put(name, plan.timed(PAYLOAD, call));
    });
    return rounds;
  }

  /**
   * Times calls too short for one clock reading each: the average of batches of {@value #BATCH}. The warm-up runs the
   * same batches, so the JIT compiles the loop that is measured, and both modes measure it as compiled: warmed up one
   * call at a time, a quick run measured the proxy at 20 times the full run's time per call.
   */
  private Samples timeBatched(String name, UnaryOperator<byte[]> call) {
    byte[] payload = new byte[PAYLOAD];
    Object[] sink = new Object[1];
    Warmup.Batch batches = count -> {
      long[] perCall = new long[count];
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        for (int j = 0; j < BATCH; j++) {
          sink[0] = call.apply(payload);
        }
        perCall[i] = (System.nanoTime() - start) / BATCH;
      }
      return perCall;
    };
    plan.warmUp(name, PAYLOAD, batches);
    Samples samples = new Samples();
    try {
      for (int round = 0; round < plan.rounds(); round++) {
        for (long nanos : batches.run(plan.iterations(PAYLOAD))) {
          samples.record(nanos);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    if (sink[0] == null) {
      throw new AssertionError("no result");
    }
    return samples;
  }

  List<Row> run() throws Exception {
    List<Row> rows = new ArrayList<>();
    EchoApi direct = new Echo();
    rows.add(timeBatched("inproc-direct", direct::echo).row("inproc-direct", PAYLOAD));
    EchoApi proxy = reflectiveProxy(direct);
    rows.add(timeBatched("inproc-proxy", proxy::echo).row("inproc-proxy", PAYLOAD));
    try (Handoffs.Handoff h = Handoffs.executor(direct::echo)) {
      rows.add(time("inproc-handoff-executor", h::call).row("inproc-handoff-executor", PAYLOAD));
    }
    try (Handoffs.Handoff h = Handoffs.park(direct::echo)) {
      rows.add(time("inproc-handoff-park", h::call).row("inproc-handoff-park", PAYLOAD));
    }
    // The best hand-off and ipc4j take turns round by round, so a change in the machine's state during the run
    // (on a shared VM the same hand-off can take 0.7 or 3 µs for minutes at a time) weighs on each alike.
    try (Handoffs.Handoff h = Handoffs.spin(direct::echo, 20_000); IpcHost host = IpcHost.inProcess()) {
      EchoApiIpc.register(host.ipcMain(), direct);
      Renderer renderer = host.openRenderer();
      IpcRenderer ipc = renderer.ipcRenderer();
      EchoApi client = EchoApiIpc.client(ipc);
      // The same echo served in the renderer, for the main process's calls the other way.
      EchoApiIpc.register(ipc, direct);
      WebContents contents = renderer.webContents();
      EchoApi rendererClient = EchoApiIpc.client(contents);
      Map<String, UnaryOperator<byte[]>> calls = new LinkedHashMap<>();
      calls.put("inproc-handoff", h::call);
      calls.put("inproc-generated", client::echo);
      calls.put("inproc-untyped", p -> (byte[]) ipc.invoke(EchoApiIpc.ECHO, (Object) p).join());
      // A thread outside the main loop that blocks on the generated client, as a renderer's caller does.
      calls.put("inproc-main-generated", rendererClient::echo);
      Map<String, Plan.Round> rounds = warmedRounds(calls);
      // Main-process code itself: invokes made on the main loop, each from the previous one's callback.
      MainLoopCalls onLoop = new MainLoopCalls(host);
      byte[] payload = new byte[PAYLOAD];
      plan.warmUp("inproc-main-untyped", PAYLOAD,
          count -> onLoop.round(payload, count, false, n -> ipc.send(MainLoopCalls.START, n)));
      rounds.put("inproc-main-untyped",
          into -> into.recordAll(onLoop.round(payload, plan.iterations(PAYLOAD), true,
              n -> ipc.send(MainLoopCalls.START, n))));
      plan.inTurns(rounds).forEach((name, samples) -> rows.add(samples.row(name, PAYLOAD)));
    }
    return rows;
  }

  /** The same interface through java.lang.reflect.Proxy and Method.invoke, as a reflective IPC stub would. */
  static EchoApi reflectiveProxy(EchoApi target) {
    InvocationHandler handler = (Object p, Method method, Object[] args) -> method.invoke(target, args);
    return (EchoApi) Proxy.newProxyInstance(EchoApi.class.getClassLoader(), new Class<?>[] {EchoApi.class}, handler);
  }

  /** The benchmark's EchoApi implementation. */
  static final class Echo implements EchoApi {
    private long received;

    @Override
    public byte[] echo(byte[] payload) {
      return payload;
    }

    @Override
    public void sink(byte[] payload) {
      received++;
    }

    @Override
    public long received() {
      return received;
    }
  }
}
