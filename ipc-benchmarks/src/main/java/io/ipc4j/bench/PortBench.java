package io.ipc4j.bench;

import io.ipc4j.IpcHost;
import io.ipc4j.MessageChannelMain;
import io.ipc4j.MessagePortMain;
import io.ipc4j.WebContents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Port round trips at 64 bytes: renderer JVM A posts on a port whose peer renderer JVM B holds, B echoes on it, A
 * waits for the echo ({@code port-r2r}; the host relays both ways, renderers never connect to each other); A against
 * a {@code MessagePortMain} that echoes on the host's main loop ({@code port-main}); and A's untyped {@code invoke} of
 * the host's echo ({@code port-ipc4j-untyped}, the baseline: the renderer to main round trip). The three take turns
 * round by round, all timed in A.
 */
final class PortBench {
  static final String INVOKE = "port-ipc4j-untyped";
  static final String R2R = "port-r2r";
  static final String MAIN = "port-main";
  private static final int PAYLOAD = 64;

  private final Plan plan;

  PortBench(Plan plan) {
    this.plan = plan;
  }

  List<Row> run() throws Exception {
    List<Row> rows = new ArrayList<>();
    try (IpcHost host = Plan.socketHost()) {
      EchoApiIpc.register(host.ipcMain(), new InProcessBench.Echo());
      BlockingQueue<long[]> results = new LinkedBlockingQueue<>();
      host.ipcMain().on(PortRenderer.RESULT, (event, args) -> results.add((long[]) args[0]));
      WebContents caller = host.launchRenderer(PortRenderer.class, "caller");
      WebContents echo = host.launchRenderer(PortRenderer.class, "echo");
      take(results); // one ready
      take(results); // the other ready
      MessageChannelMain between = new MessageChannelMain();
      caller.postMessage(PortRenderer.TO_RENDERER, null, List.of(between.port1()));
      echo.postMessage(PortRenderer.TO_RENDERER, null, List.of(between.port2()));
      MessageChannelMain toMain = new MessageChannelMain();
      MessagePortMain mainEnd = toMain.port1();
      caller.postMessage(PortRenderer.TO_MAIN, null, List.of(toMain.port2()));
      mainEnd.onMessage(message -> mainEnd.postMessage(message.data()));
      mainEnd.start();
      take(results); // the caller holds both ports
      Map<String, String> modes = new LinkedHashMap<>();
      modes.put(INVOKE, "invoke");
      modes.put(R2R, "r2r");
      modes.put(MAIN, "main");
      Map<String, Plan.Round> rounds = new LinkedHashMap<>();
      for (Map.Entry<String, String> mode : modes.entrySet()) {
        plan.warmUp(mode.getKey(), PAYLOAD, calls -> round(caller, results, mode.getValue(), calls));
        rounds.put(mode.getKey(),
            into -> into.recordAll(round(caller, results, mode.getValue(), plan.iterations(PAYLOAD))));
      }
      plan.inTurns(rounds).forEach((name, samples) -> rows.add(samples.row(name, PAYLOAD)));
      caller.close();
      echo.close();
    }
    return rows;
  }

  /** One round of {@code calls} round trips in the caller JVM; returns each one's time. */
  private static long[] round(WebContents caller, BlockingQueue<long[]> results, String mode, int calls)
      throws InterruptedException {
    caller.send(PortRenderer.GO, mode, calls);
    return take(results);
  }

  private static long[] take(BlockingQueue<long[]> queue) throws InterruptedException {
    long[] value = queue.poll(10, TimeUnit.MINUTES);
    if (value == null) {
      throw new IllegalStateException("a port renderer did not report");
    }
    return value;
  }
}
