package io.ipc4j.bench;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH: time and allocation per in-process call (run with {@code --jmh}; the GC profiler reports bytes per op, all
 * threads counted). An invoke of 64 bytes allocates, with compressed references: on the caller's thread the
 * argument array (24 B), the handler's copy of the arguments (24 B) and of the bytes (80 B), the call that is also
 * its future (64 B, and its 16-byte state), the invoke message (48 B) and its delivery on the main loop (32 B):
 * 288 B; on the main loop the event (48 B) and the caller's copy of the answer (80 B), made there and handed over
 * without an encoding: 128 B. Per-thread counters ({@code ThreadMXBean.getThreadAllocatedBytes}) give those two
 * sums; this benchmark's figure is lower where the JIT keeps an object off the heap. Encoders, writers and
 * decoders are each thread's own and reused (see {@code CodecScratch}).
 *
 * <p>{@code generatedRecord} is the typed call {@link CallPath} follows, {@code PathApi.get(42)}, whose answer is a
 * record of a number, a string, a list of two strings and an instant: what a record costs to copy (the handler's
 * record is the same object each time, so what it allocates is the call's own).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AllocationBenchmarks {
  private final byte[] payload = new byte[64];
  private EchoApi direct;
  private EchoApi proxy;
  private Handoffs.Handoff handoff;
  private IpcHost host;
  private IpcRenderer ipc;
  private EchoApi client;
  private PathApi items;

  /** Opens the host, renderer and hand-off. */
  @Setup(Level.Trial)
  public void open() {
    direct = new InProcessBench.Echo();
    proxy = InProcessBench.reflectiveProxy(direct);
    handoff = Handoffs.spin(direct::echo, 20_000);
    host = IpcHost.inProcess();
    EchoApiIpc.register(host.ipcMain(), direct);
    ipc = host.openRenderer().ipcRenderer();
    client = EchoApiIpc.client(ipc);
    PathApi.Item item = new PathApi.Item(42, "title", java.util.List.of("a", "b"), java.time.Instant.EPOCH);
    PathApiIpc.register(host.ipcMain(), id -> item);
    items = PathApiIpc.client(ipc);
  }

  /** Closes them. */
  @TearDown(Level.Trial)
  public void close() {
    handoff.close();
    host.close();
  }

  /** @return a direct call's result */
  @Benchmark
  public byte[] direct() {
    return direct.echo(payload);
  }

  /** @return a reflection proxy's result */
  @Benchmark
  public byte[] proxy() {
    return proxy.echo(payload);
  }

  /** @return a spinning hand-off's result */
  @Benchmark
  public byte[] handoff() {
    return handoff.call(payload);
  }

  /** @return a generated client's result */
  @Benchmark
  public byte[] generated() {
    return client.echo(payload);
  }

  /** @return a generated client's record */
  @Benchmark
  public PathApi.Item generatedRecord() {
    return items.get(42);
  }

  /** @return an untyped invoke's result */
  @Benchmark
  public Object untyped() {
    return ipc.invoke(EchoApiIpc.ECHO, (Object) payload).join();
  }

  /**
   * Runs the benchmarks with the GC profiler; with a file, also writes {@code benchmark,ns_per_op,bytes_per_op}.
   *
   * @param csv where to write the figures, or null
   */
  static void run(java.nio.file.Path csv) throws Exception {
    java.util.Collection<org.openjdk.jmh.results.RunResult> results = new Runner(new OptionsBuilder()
        .include(AllocationBenchmarks.class.getName()).addProfiler(GCProfiler.class).build()).run();
    if (csv == null) {
      return;
    }
    StringBuilder out = new StringBuilder("benchmark,ns_per_op,bytes_per_op\n");
    for (org.openjdk.jmh.results.RunResult result : results) {
      String name = result.getParams().getBenchmark();
      double bytes = Double.NaN;
      for (String key : result.getSecondaryResults().keySet()) {
        if (key.endsWith("gc.alloc.rate.norm")) {
          bytes = result.getSecondaryResults().get(key).getScore();
        }
      }
      out.append(String.format(java.util.Locale.ROOT, "%s,%.1f,%.0f%n", name.substring(name.lastIndexOf('.') + 1),
          result.getPrimaryResult().getScore(), bytes));
    }
    java.nio.file.Files.writeString(csv, out);
    System.out.println("wrote " + csv);
  }
}
