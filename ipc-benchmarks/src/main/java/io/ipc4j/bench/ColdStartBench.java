package io.ipc4j.bench;

import io.ipc4j.IpcHost;
import io.ipc4j.WebContents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold start, step by step, each against a bare JVM that starts and exits ({@code coldstart-jvm}): from
 * {@code launchRenderer} until the renderer's {@code main} runs ({@code coldstart-main}), until it has connected
 * ({@code coldstart-connected}), and until its first call reaches the host ({@code coldstart-ipc4j}); then the same
 * first call with class-data sharing ({@code coldstart-ipc4j-cds}), its archive written by one launch beforehand.
 * The renderer stamps the first two steps with its own {@code System.nanoTime()}, which on Linux is the same
 * monotonic clock in every process.
 */
final class ColdStartBench {
  private final Plan plan;
  private final String java = ProcessHandle.current().info().command().orElse("java");
  private final String classPath = System.getProperty("java.class.path");

  ColdStartBench(Plan plan) {
    this.plan = plan;
  }

  List<Row> run() throws Exception {
    Samples jvm = new Samples();
    for (int i = 0; i < plan.starts(); i++) {
      long start = System.nanoTime();
      Process p = new ProcessBuilder(java, "-cp", classPath, Peers.class.getName(), "noop").start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("a bare JVM did not exit within 60 s");
      }
      jvm.record(System.nanoTime() - start);
    }
    List<Row> rows = new ArrayList<>(List.of(jvm.row("coldstart-jvm", 0)));
    Samples main = new Samples();
    Samples connected = new Samples();
    Samples firstCall = new Samples();
    try (IpcHost host = IpcHost.overSockets()) {
      BlockingQueue<long[]> calls = listen(host);
      for (int i = 0; i < plan.starts(); i++) {
        long[] steps = launch(host, calls);
        main.record(steps[1]);
        connected.record(steps[2]);
        firstCall.record(steps[0]);
      }
    }
    rows.add(main.row("coldstart-main", 0));
    rows.add(connected.row("coldstart-connected", 0));
    rows.add(firstCall.row("coldstart-ipc4j", 0));
    Path cache = Files.createTempDirectory("ipc4j-bench-cds-");
    Samples shared = new Samples();
    try {
      // The first renderer writes the archive as it exits, which takes a while: it gets the time it needs.
      try (IpcHost host = IpcHost.builder().classDataSharing(cache).shutdownGrace(Duration.ofMinutes(2))
          .overSockets()) {
        launch(host, listen(host));
      }
      awaitArchives(cache, 1);
      try (IpcHost host = IpcHost.builder().classDataSharing(cache).overSockets()) {
        BlockingQueue<long[]> calls = listen(host);
        for (int i = 0; i < plan.starts(); i++) {
          shared.record(launch(host, calls)[0]);
        }
      }
      // The class log is an option, so the renderer that counts with sharing has an archive of its own to write.
      Path log = cache.resolve("classes.log");
      classesLoaded(IpcHost.builder().classDataSharing(cache).shutdownGrace(Duration.ofMinutes(2)), log);
      awaitArchives(cache, 2);
      System.out.println("classes a renderer loaded before its first call reached the host: "
          + classesLoaded(IpcHost.builder(), log) + "; with class-data sharing: "
          + classesLoaded(IpcHost.builder().classDataSharing(cache), log));
    } finally {
      deleteTree(cache);
    }
    rows.add(shared.row("coldstart-ipc4j-cds", 0));
    return rows;
  }

  /** How many classes a renderer had loaded when its first call arrived, and how many of them were mapped. */
  private static String classesLoaded(IpcHost.Builder builder, Path log) throws Exception {
    Files.deleteIfExists(log);
    try (IpcHost host = builder.jvmOptions("-Xlog:class+load=info:file=" + log).overSockets()) {
      BlockingQueue<long[]> calls = listen(host);
      WebContents renderer = host.launchRenderer(Peers.Ipc4jRenderer.class, "cold");
      if (calls.poll(10, TimeUnit.MINUTES) == null) {
        throw new IllegalStateException("a renderer did not call");
      }
      List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("class,load")).toList();
      renderer.close();
      long mapped = lines.stream().filter(l -> l.contains("shared objects file")).count();
      return lines.size() + " (" + mapped + " mapped from an archive)";
    }
  }

  /** Where the first calls of launched renderers arrive: arrival time, main entered, connected. */
  private static BlockingQueue<long[]> listen(IpcHost host) {
    BlockingQueue<long[]> calls = new LinkedBlockingQueue<>();
    host.ipcMain().handle(EchoApiIpc.ECHO, (event, args) -> {
      long arrived = System.nanoTime();
      ByteBuffer stamps = ByteBuffer.wrap((byte[]) args[0]);
      calls.add(new long[] {arrived, stamps.getLong(), stamps.getLong()});
      return args[0];
    });
    return calls;
  }

  /** Launches a renderer and returns the nanoseconds until its first call arrived, main ran, and it connected. */
  private static long[] launch(IpcHost host, BlockingQueue<long[]> calls) throws InterruptedException {
    long start = System.nanoTime();
    WebContents renderer = host.launchRenderer(Peers.Ipc4jRenderer.class, "cold");
    long[] call = calls.poll(10, TimeUnit.MINUTES);
    if (call == null) {
      throw new IllegalStateException("a renderer did not call");
    }
    renderer.close();
    return new long[] {call[0] - start, call[1] - start, call[2] - start};
  }

  /** Waits for {@code count} archives, which first renderers write as they exit. */
  private static void awaitArchives(Path cache, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(cache)) {
        if (files.filter(f -> f.toString().endsWith(".jsa")).count() >= count) {
          return;
        }
      }
      Thread.sleep(100);
    }
    System.err.println("warning: no class-data archive was written; coldstart-ipc4j-cds ran without one");
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
