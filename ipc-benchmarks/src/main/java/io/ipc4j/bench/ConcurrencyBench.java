package io.ipc4j.bench;

import io.ipc4j.IpcHost;
import io.ipc4j.WebContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Throughput under concurrency: {@value #JVMS} renderer JVMs × {@value #THREADS} threads call echo on the host at
 * once, through ipc4j's generated client, and the same threads each through a raw socket of their own to a
 * thread-per-connection echo server in the host JVM. The two take turns round by round. Each row's p50 is the
 * median over rounds of the aggregate time per call (one second over the calls per second of all JVMs together);
 * its p99 is the slowest round's.
 */
final class ConcurrencyBench {
  static final int JVMS = 4;
  static final int THREADS = 8;
  static final int[] PAYLOADS = {64, 16 * 1024};
  /** Warm-up rounds are this long in both modes, and at least this many are run. */
  private static final long WARMUP_ROUND_MILLIS = 500;
  private static final int LEAST_WARMUP_ROUNDS = 4;
  private static final int MAX_WARMUP_ROUNDS = 20;

  private final Plan plan;

  ConcurrencyBench(Plan plan) {
    this.plan = plan;
  }

  List<Row> run() throws Exception {
    Path dir = Files.createTempDirectory("ipc4j-bench-");
    Path socket = dir.resolve("echo.sock");
    List<Row> rows = new ArrayList<>();
    try (RawEchoServer raw = RawEchoServer.start(socket); IpcHost host = Plan.socketHost()) {
      EchoApiIpc.register(host.ipcMain(), new InProcessBench.Echo());
      BlockingQueue<long[]> results = new LinkedBlockingQueue<>();
      host.ipcMain().on(ConcurrentRenderer.RESULT, (event, args) -> results.add((long[]) args[0]));
      List<WebContents> renderers = new ArrayList<>();
      for (int i = 0; i < JVMS; i++) {
        renderers.add(host.launchRenderer(ConcurrentRenderer.class, socket.toString(), Integer.toString(THREADS)));
      }
      for (int i = 0; i < JVMS; i++) {
        take(results); // ready
      }
      for (int size : PAYLOADS) {
        Map<String, String> modes = new LinkedHashMap<>();
        modes.put("concurrency-raw-uds", "raw");
        modes.put("concurrency-ipc4j-generated", "ipc4j");
        Map<String, Plan.Round> rounds = new LinkedHashMap<>();
        for (Map.Entry<String, String> mode : modes.entrySet()) {
          warmUp(mode.getKey(), renderers, results, mode.getValue(), size);
          rounds.put(mode.getKey(),
              into -> into.record(round(renderers, results, mode.getValue(), size, plan.concurrencyMillis())));
        }
        plan.inTurns(rounds, plan.concurrencyRounds()).forEach((name, samples) -> rows.add(samples.row(name, size)));
      }
      renderers.forEach(WebContents::close);
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
    return rows;
  }

  /** Runs short rounds until their throughput is steady, by {@link Warmup}'s rule. */
  private static void warmUp(String name, List<WebContents> renderers, BlockingQueue<long[]> results, String mode,
      int size) throws Exception {
    List<Long> perCall = Warmup.untilSteady(LEAST_WARMUP_ROUNDS, 1, MAX_WARMUP_ROUNDS,
        calls -> new long[] {round(renderers, results, mode, size, WARMUP_ROUND_MILLIS)});
    if (!Warmup.isSteady(perCall)) {
      System.err.printf("warning: %s at %d bytes was not steady after %d warm-up rounds: %s%n", name, size,
          perCall.size(), perCall);
    }
  }

  /** One round of every renderer's threads; returns the aggregate nanoseconds per call. */
  private static long round(List<WebContents> renderers, BlockingQueue<long[]> results, String mode, int size,
      long millis) throws InterruptedException {
    renderers.forEach(renderer -> renderer.send(ConcurrentRenderer.GO, mode, size, millis));
    double callsPerSecond = 0;
    for (int i = 0; i < renderers.size(); i++) {
      long[] result = take(results);
      callsPerSecond += result[0] * 1e9 / result[1];
    }
    return Math.round(1e9 / callsPerSecond);
  }

  /** Calls per second for a row's time per call. */
  static double callsPerSecond(Row row) {
    return 1e9 / row.p50Nanos();
  }

  /** Megabytes (10^6 bytes) of payload echoed per second, counted once per call. */
  static double megabytesPerSecond(Row row) {
    return callsPerSecond(row) * row.payloadBytes() / 1e6;
  }

  private static long[] take(BlockingQueue<long[]> queue) throws InterruptedException {
    long[] value = queue.poll(10, TimeUnit.MINUTES);
    if (value == null) {
      throw new IllegalStateException("a renderer did not report");
    }
    return value;
  }
}
