package io.ipc4j.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.ipc4j.IpcHost;
import io.ipc4j.WebContents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Round trips and one-way throughput between two JVMs, and cold start, side by side with the baselines. */
final class CrossProcessBench {
  private final Plan plan;
  private final String java = ProcessHandle.current().info().command().orElse("java");
  private final String classPath = System.getProperty("java.class.path");

  CrossProcessBench(Plan plan) {
    this.plan = plan;
  }

  /** A peer JVM and the address it printed when ready. */
  private record Peer(Process process, String address) implements AutoCloseable {
    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  private Peer start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, Peers.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("READY ")) {
            return line.substring(6);
          }
        }
        throw new IllegalStateException("peer " + args[0] + " ended before it was ready");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      return new Peer(process, ready.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("peer " + args[0] + " did not start", e);
    }
  }

  private Samples time(int payloadSize, UnaryOperator<byte[]> call) {
    byte[] payload = new byte[payloadSize];
    plan.warmUp(payloadSize, () -> check(call.apply(payload), payloadSize));
    Samples samples = new Samples();
    for (int round = 0; round < plan.rounds(); round++) {
      for (int i = 0; i < plan.iterations(payloadSize); i++) {
        long start = System.nanoTime();
        byte[] back = call.apply(payload);
        samples.record(System.nanoTime() - start);
        check(back, payloadSize);
      }
    }
    return samples;
  }

  private static void check(byte[] back, int size) {
    if (back.length != size) {
      throw new AssertionError("echo returned " + back.length + " bytes for " + size);
    }
  }

  /**
   * Raw-socket and ipc4j round trips at each payload, taking turns round by round: on a shared machine the cost of
   * a wake-up drifts for minutes at a time, and turns make the drift weigh on the baseline and ipc4j alike. Then
   * one-way throughput of both.
   */
  List<Row> rawAndIpc4j() throws Exception {
    List<Row> raw = new ArrayList<>();
    List<Row> generated = new ArrayList<>();
    List<Row> untyped = new ArrayList<>();
    List<Row> sends = new ArrayList<>();
    Path dir = Files.createTempDirectory("ipc4j-bench-");
    Path socket = dir.resolve("raw.sock");
    try (Peer peer = start("raw", socket.toString());
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        IpcHost host = IpcHost.overSockets()) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      Frames frames = new Frames(channel);
      UnaryOperator<byte[]> rawCall = p -> {
        try {
          frames.write(p);
          return frames.lastFrame(frames.read());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      };
      EchoApiIpc.register(host.ipcMain(), new InProcessBench.Echo());
      BlockingQueue<long[]> results = new LinkedBlockingQueue<>();
      host.ipcMain().on("bench:result", (event, args) -> results.add((long[]) args[0]));
      for (int size : Plan.PAYLOADS) {
        byte[] payload = new byte[size];
        plan.warmUp(size, () -> check(rawCall.apply(payload), size));
        WebContents generatedRenderer = launchTimer(host, "generated", size);
        take(results); // warmed up
        WebContents untypedRenderer = launchTimer(host, "untyped", size);
        take(results);
        Samples rawSamples = new Samples();
        Samples generatedSamples = new Samples();
        Samples untypedSamples = new Samples();
        for (int round = 0; round < plan.rounds(); round++) {
          for (int i = 0; i < plan.iterations(size); i++) {
            long start = System.nanoTime();
            byte[] back = rawCall.apply(payload);
            rawSamples.record(System.nanoTime() - start);
            check(back, size);
          }
          generatedRenderer.send("bench:go");
          generatedSamples.recordAll(take(results));
          untypedRenderer.send("bench:go");
          untypedSamples.recordAll(take(results));
        }
        generatedRenderer.close();
        untypedRenderer.close();
        raw.add(rawSamples.row("raw-uds", size));
        generated.add(generatedSamples.row("ipc4j-generated", size));
        untyped.add(untypedSamples.row("ipc4j-untyped", size));
      }
      sends.add(rawSend(frames));
      sends.add(ipc4jSend(host, results));
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
    List<Row> rows = new ArrayList<>(raw);
    rows.add(sends.get(0));
    rows.addAll(generated);
    rows.addAll(untyped);
    rows.add(sends.get(1));
    return rows;
  }

  /** A renderer JVM that warms up, reports that it has, then times one round of calls per "bench:go". */
  private WebContents launchTimer(IpcHost host, String mode, int size) {
    return host.launchRenderer(Peers.Ipc4jRenderer.class, mode, Integer.toString(size),
        Integer.toString(plan.warmup(size)), Integer.toString(plan.iterations(size)),
        Integer.toString(plan.rounds()), Long.toString(plan.warmupNanos()));
  }

  /** One-way: pipelined raw frames, one acknowledgement at the end; the first pass warms up. */
  private Row rawSend(Frames frames) throws IOException {
    byte[] payload = new byte[64];
    long n = plan.messages();
    long perMessage = 0;
    for (int pass = 0; pass < 2; pass++) {
      long start = System.nanoTime();
      frames.write(ByteBuffer.allocate(9).put((byte) 'S').putLong(n).array());
      for (long i = 0; i < n; i++) {
        frames.write(payload);
      }
      frames.read();
      perMessage = (System.nanoTime() - start) / n;
    }
    return new Row("send-raw-uds", 64, perMessage, perMessage, null, Double.NaN);
  }

  /** One-way: {@code @Send} messages from a renderer JVM, which times them and reports the time per message. */
  private Row ipc4jSend(IpcHost host, BlockingQueue<long[]> results) throws InterruptedException {
    WebContents sender = host.launchRenderer(Peers.Ipc4jRenderer.class, "send", "64",
        Integer.toString(plan.messages() / 5), Integer.toString(plan.messages()), "1");
    long perMessage = take(results)[0];
    sender.close();
    return new Row("send-ipc4j", 64, perMessage, perMessage, null, Double.NaN);
  }

  List<Row> rmi() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<Row> rows = new ArrayList<>();
    try (Peer peer = start("rmi", Integer.toString(port))) {
      Peers.RemoteEcho echo = (Peers.RemoteEcho) LocateRegistry.getRegistry("127.0.0.1", port).lookup("echo");
      for (int size : Plan.PAYLOADS) {
        rows.add(time(size, p -> {
          try {
            return echo.echo(p);
          } catch (java.rmi.RemoteException e) {
            throw new IllegalStateException(e);
          }
        }).row("rmi", size));
      }
    }
    return rows;
  }

  List<Row> grpc() throws Exception {
    List<Row> rows = new ArrayList<>();
    try (Peer peer = start("grpc")) {
      ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(peer.address()))
          .usePlaintext().maxInboundMessageSize(64 << 20).build();
      try {
        for (int size : Plan.PAYLOADS) {
          rows.add(time(size, p -> ClientCalls.blockingUnaryCall(channel, Peers.GRPC_ECHO, CallOptions.DEFAULT, p))
              .row("grpc", size));
        }
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
    return rows;
  }

  List<Row> coldStart() throws Exception {
    Samples jvm = new Samples();
    for (int i = 0; i < plan.starts(); i++) {
      long start = System.nanoTime();
      Process p = new ProcessBuilder(java, "-cp", classPath, Peers.class.getName(), "noop").start();
      p.waitFor(60, TimeUnit.SECONDS);
      jvm.record(System.nanoTime() - start);
    }
    Samples ipc = new Samples();
    try (IpcHost host = IpcHost.overSockets()) {
      BlockingQueue<Long> firstCalls = new LinkedBlockingQueue<>();
      host.ipcMain().handle(EchoApiIpc.ECHO, (event, args) -> {
        firstCalls.add(System.nanoTime());
        return args[0];
      });
      for (int i = 0; i < plan.starts(); i++) {
        long start = System.nanoTime();
        WebContents renderer = host.launchRenderer(Peers.Ipc4jRenderer.class, "cold");
        ipc.record(take(firstCalls) - start);
        renderer.close();
      }
    }
    return List.of(jvm.row("coldstart-jvm", 0), ipc.row("coldstart-ipc4j", 0));
  }

  private static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
    T value = queue.poll(10, TimeUnit.MINUTES);
    if (value == null) {
      throw new IllegalStateException("a renderer did not report");
    }
    return value;
  }
}
