package io.ipc4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs every scenario in one process and prints one table, each row compared with its baseline from the same run
 * (absolute times drift on a shared machine; ratios hold).
 *
 * <pre>
 * java -jar ipc-benchmarks/target/ipc-benchmarks.jar [--quick] [--csv FILE]
 *     [--only inproc|cross|concurrency|stream|port|cold]
 * java -jar ipc-benchmarks/target/ipc-benchmarks.jar --jmh [--csv FILE]  # allocation per call (JMH, -prof gc)
 * </pre>
 *
 * <p>Both modes warm each row up by the same rule (see {@link Warmup}); {@code --quick} makes fewer and smaller
 * rounds. {@code python3 ipc-benchmarks/render.py --compare FULL.csv QUICK.csv...} prints how far each quick run's
 * ratios lie from the full run's.
 */
public final class BenchMain {
  private BenchMain() {}

  /**
   * Runs the benchmarks.
   *
   * @param args {@code --quick}, {@code --csv FILE}, {@code --only GROUP}, {@code --jmh}
   */
  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path csv = null;
    String only = null;
    boolean jmh = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--csv" -> csv = Path.of(args[++i]);
        case "--only" -> only = args[++i];
        case "--jmh" -> jmh = true;
        default -> {
          System.err.println("usage: ipc-benchmarks [--quick] [--csv FILE] "
              + "[--only inproc|cross|concurrency|stream|port|cold] [--jmh]");
          System.exit(2);
        }
      }
    }
    if (jmh) {
      AllocationBenchmarks.run(csv);
      return;
    }
    List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
    if (!jvmArgs.containsAll(Plan.STEADY_JVM_OPTIONS)) {
      System.exit(rerun(jvmArgs, args)); // this JVM hosts rows too: it runs as its peers do
    }
    Plan plan = new Plan(quick, quick ? 12 : 40);
    System.out.printf("ipc4j benchmarks (%s mode) on %d cores, Java %s%n%n", quick ? "quick" : "full",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    List<Row> rows = new ArrayList<>();
    if (only == null || only.equals("cross")) {
      CrossProcessBench cross = new CrossProcessBench(plan);
      rows.addAll(cross.roundTrips());
    }
    if (only == null || only.equals("inproc")) {
      rows.addAll(new InProcessBench(plan).run());
    }
    if (only == null || only.equals("concurrency")) {
      rows.addAll(new ConcurrencyBench(plan).run());
    }
    if (only == null || only.equals("stream")) {
      rows.addAll(new StreamBench(plan).run());
    }
    if (only == null || only.equals("port")) {
      rows.addAll(new PortBench(plan).run());
    }
    if (only == null || only.equals("cold")) {
      rows.addAll(new ColdStartBench(plan).run());
    }
    List<Row> compared = Report.compare(rows);
    System.out.print(Report.table(compared));
    System.out.print(Report.throughput(compared));
    System.out.printf("%nidle host CPU: %.2f ms per second%n", idleCpuMillisPerSecond());
    if (csv != null) {
      Files.writeString(csv, Report.csv(compared));
      System.out.println("wrote " + csv);
    }
  }

  /**
   * Runs the benchmarks again in a JVM with {@link Plan#STEADY_JVM_OPTIONS} added to this one's options, sharing
   * this process's output.
   *
   * @return its exit status
   */
  private static int rerun(List<String> jvmArgs, String[] args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmArgs);
    command.addAll(Plan.STEADY_JVM_OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchMain.class.getName()));
    command.addAll(List.of(args));
    Process run = new ProcessBuilder(command).inheritIO().start();
    try {
      return run.waitFor();
    } finally {
      run.destroy();
    }
  }

  /**
   * CPU used by an idle host with one renderer, measured over two seconds after it settles: the CPU time of the
   * threads that host started, not of ipc4j threads that earlier groups' hosts left winding down (a thread that
   * started or ended between the two readings once counted with all its CPU time). Threads that used any are printed.
   */
  static double idleCpuMillisPerSecond() throws InterruptedException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Set<Long> earlier = new HashSet<>();
    Thread.getAllStackTraces().keySet().forEach(t -> earlier.add(t.getId()));
    try (io.ipc4j.IpcHost host = io.ipc4j.IpcHost.inProcess()) {
      host.ipcMain().handle("x", (event, args) -> 1);
      host.openRenderer().ipcRenderer().invoke("x").join();
      Thread.sleep(200);
      Map<Thread, Long> before = hostThreadsCpu(mx, earlier);
      Thread.sleep(2000);
      long used = 0;
      StringBuilder busy = new StringBuilder();
      for (Map.Entry<Thread, Long> after : hostThreadsCpu(mx, earlier).entrySet()) {
        long nanos = after.getValue() - before.getOrDefault(after.getKey(), 0L);
        if (nanos > 0) {
          used += nanos;
          busy.append(String.format(Locale.ROOT, " %s %.3f ms", after.getKey().getName(), nanos / 1e6));
        }
      }
      if (busy.length() > 0) {
        System.out.println("idle host CPU in 2 s by thread:" + busy);
      }
      return used / 2e6;
    }
  }

  /** The CPU time of each live ipc4j thread not among {@code earlier}. */
  private static Map<Thread, Long> hostThreadsCpu(ThreadMXBean mx, Set<Long> earlier) {
    Map<Thread, Long> cpu = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("ipc4j-") && !earlier.contains(t.getId())) {
        cpu.put(t, Math.max(0, mx.getThreadCpuTime(t.getId())));
      }
    }
    return cpu;
  }
}
