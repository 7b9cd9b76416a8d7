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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Round trips and one-way throughput between two JVMs, side by side with the baselines. */
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
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(Plan.STEADY_JVM_OPTIONS);
    command.addAll(List.of("-cp", classPath, Peers.class.getName()));
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

  /** A blocking round trip of one frame, echoed by a raw peer. */
  private static UnaryOperator<byte[]> roundTrip(Frames frames) {
    return payload -> {
      try {
        frames.write(payload);
        return frames.lastFrame(frames.read());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /**
   * Round trips of the raw socket (Unix and TCP), ipc4j (generated and untyped), RMI and gRPC at each payload, taking
   * turns round by round: on a shared machine the cost of a wake-up drifts for minutes at a time, and turns make the
   * drift weigh on every row alike; the main process's calls into a renderer JVM take their turns too. Then one-way
   * throughput of the raw socket and ipc4j.
   */
  List<Row> roundTrips() throws Exception {
    Map<String, List<Row>> rows = new LinkedHashMap<>();
    for (String scenario : List.of("raw-uds", "raw-tcp", "ipc4j-generated", "ipc4j-untyped", "main-ipc4j-generated",
        "main-ipc4j-untyped", "rmi", "grpc")) {
      rows.put(scenario, new ArrayList<>());
    }
    List<Row> sends = new ArrayList<>();
    int rmiPort;
    try (ServerSocket free = new ServerSocket(0)) {
      rmiPort = free.getLocalPort();
    }
    Path dir = Files.createTempDirectory("ipc4j-bench-");
    Path socket = dir.resolve("raw.sock");
    try (Peer rawPeer = start("raw", socket.toString());
        Peer rawTcpPeer = start("raw-tcp");
        Peer rmiPeer = start("rmi", Integer.toString(rmiPort));
        Peer grpcPeer = start("grpc");
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        SocketChannel tcp = SocketChannel.open(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(rawTcpPeer.address())));
        IpcHost host = Plan.socketHost()) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      Frames frames = new Frames(channel);
      Peers.RemoteEcho rmi = (Peers.RemoteEcho) LocateRegistry.getRegistry("127.0.0.1", rmiPort).lookup("echo");
      ManagedChannel grpc = ManagedChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(grpcPeer.address()))
          .usePlaintext().maxInboundMessageSize(64 << 20).build();
      Map<String, UnaryOperator<byte[]>> local = new LinkedHashMap<>();
      local.put("raw-uds", roundTrip(frames));
      tcp.setOption(StandardSocketOptions.TCP_NODELAY, true);
      local.put("raw-tcp", roundTrip(new Frames(tcp)));
      local.put("rmi", p -> {
        try {
          return rmi.echo(p);
        } catch (java.rmi.RemoteException e) {
          throw new IllegalStateException(e);
        }
      });
      local.put("grpc", p -> ClientCalls.blockingUnaryCall(grpc, Peers.GRPC_ECHO, CallOptions.DEFAULT, p));
      EchoApiIpc.register(host.ipcMain(), new InProcessBench.Echo());
      BlockingQueue<long[]> results = new LinkedBlockingQueue<>();
      host.ipcMain().on("bench:result", (event, args) -> results.add((long[]) args[0]));
      // A renderer JVM that serves the same echo, for the main process's calls the other way, timed here.
      WebContents server = host.launchRenderer(Peers.Ipc4jRenderer.class, "serve");
      take(results);
      EchoApi serverClient = EchoApiIpc.client(server);
      local.put("main-ipc4j-generated", serverClient::echo); // blocking, from this thread
      MainLoopCalls onLoop = new MainLoopCalls(host); // untyped, as main-process code calls: on the main loop
      // The renderer JVMs that time ipc4j's own calls live for the whole run, as the peers of the other rows do.
      Map<String, WebContents> timers = new LinkedHashMap<>();
      for (String mode : List.of("generated", "untyped")) {
        timers.put("ipc4j-" + mode, host.launchRenderer(Peers.Ipc4jRenderer.class, mode));
      }
      try {
        for (int size : Plan.PAYLOADS) {
          byte[] payload = new byte[size];
          Map<String, Plan.Round> scenarios = new LinkedHashMap<>();
          local.forEach((name, call) -> {
            plan.warmUp(name, size, () -> Plan.check(call.apply(payload), size));
            scenarios.put(name, plan.timed(size, call));
          });
          plan.warmUp("main-ipc4j-untyped", size,
              calls -> onLoop.round(payload, calls, false, n -> server.send("bench:kick", n)));
          scenarios.put("main-ipc4j-untyped",
              into -> into.recordAll(
                  onLoop.round(payload, plan.iterations(size), true, n -> server.send("bench:kick", n))));
          for (Map.Entry<String, WebContents> timer : timers.entrySet()) {
            timer.getValue().send("bench:warm", size, plan.warmup(size), plan.warmupBatch(size));
            take(results); // warmed up
            scenarios.put(timer.getKey(), into -> {
              timer.getValue().send("bench:go", size, plan.iterations(size));
              into.recordAll(take(results));
            });
          }
          Map<String, Samples> samples = plan.inTurns(scenarios);
          rows.forEach((name, list) -> list.add(samples.get(name).row(name, size)));
        }
      } finally {
        timers.values().forEach(WebContents::close);
        grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      sends.addAll(sendRows(frames, host, results));
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
    List<Row> all = new ArrayList<>(rows.remove("raw-uds"));
    all.addAll(rows.remove("raw-tcp"));
    all.add(sends.get(0));
    all.addAll(rows.remove("ipc4j-generated"));
    all.addAll(rows.remove("ipc4j-untyped"));
    all.addAll(rows.remove("main-ipc4j-generated"));
    all.addAll(rows.remove("main-ipc4j-untyped"));
    all.add(sends.get(1));
    rows.values().forEach(all::addAll);
    return all;
  }

  /**
   * One-way 64-byte messages, pipelined, with one acknowledgement at the end of each round: raw frames from this JVM
   * ({@code send-raw-uds}) and {@code @Send} messages from a renderer JVM ({@code send-ipc4j}), measured as the stream
   * rows are ({@link Plan#oneWayRows}).
   */
  private List<Row> sendRows(Frames frames, IpcHost host, BlockingQueue<long[]> results) throws Exception {
    WebContents sender = host.launchRenderer(Peers.Ipc4jRenderer.class, "send");
    try {
      Map<String, Warmup.PerItem> measures = new LinkedHashMap<>();
      measures.put("send-raw-uds", messages -> rawSend(frames, messages));
      measures.put("send-ipc4j", messages -> {
        sender.send("bench:send", messages);
        return take(results)[0];
      });
      return plan.oneWayRows(measures, 64);
    } finally {
      sender.close();
    }
  }

  /** One round of pipelined raw frames and the peer's acknowledgement of the last; the nanoseconds per frame. */
  private static long rawSend(Frames frames, long messages) throws IOException {
    byte[] payload = new byte[64];
    long start = System.nanoTime();
    frames.write(ByteBuffer.allocate(9).put((byte) 'S').putLong(messages).array());
    for (long i = 0; i < messages; i++) {
      frames.write(payload);
    }
    frames.read();
    return (System.nanoTime() - start) / messages;
  }

  private static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
    T value = queue.poll(10, TimeUnit.MINUTES);
    if (value == null) {
      throw new IllegalStateException("a renderer did not report");
    }
    return value;
  }
}
