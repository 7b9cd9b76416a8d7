package io.ipc4j.bench;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.ipc4j.IpcRenderer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The other JVM of each cross-process row. Each prints {@code READY <address>} once it can be called. */
public final class Peers {
  private Peers() {}

  /**
   * Runs the peer named by {@code args[0]}.
   *
   * @param args the peer and its arguments
   */
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "raw" -> raw(Path.of(args[1]));
      case "raw-tcp" -> rawTcp();
      case "rmi" -> rmi(Integer.parseInt(args[1]));
      case "grpc" -> grpc();
      case "noop" -> { }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /** Echoes frames ('E' mode), or counts them and acknowledges the last ('S' mode, then a count frame). */
  private static void raw(Path socket) throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      System.out.println("READY " + socket);
      System.out.flush();
      serveRaw(server);
    }
  }

  /**
   * The raw echo over TCP on the loopback interface, with Nagle's algorithm off on both ends (as RMI and gRPC have
   * it), for the {@code raw-tcp} row: the same frames as {@code raw-uds}, over the transport RMI and gRPC use.
   */
  private static void rawTcp() throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      System.out.println("READY " + ((InetSocketAddress) server.getLocalAddress()).getPort());
      System.out.flush();
      serveRaw(server);
    }
  }

  private static void serveRaw(ServerSocketChannel server) throws IOException {
    while (true) {
      SocketChannel channel = server.accept();
      if (channel.getLocalAddress() instanceof InetSocketAddress) {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      }
      Frames frames = new Frames(channel);
      try (channel) {
        while (true) {
          int length = frames.read();
          byte[] request = frames.lastFrame(length);
          if (request.length == 9 && request[0] == 'S') {
            long n = java.nio.ByteBuffer.wrap(request, 1, 8).getLong();
            for (long i = 0; i < n; i++) {
              frames.read();
            }
            frames.write(new byte[] {1});
          } else {
            frames.write(request);
          }
        }
      } catch (java.io.EOFException e) {
        // the client is done
      }
    }
  }

  /** RMI's remote interface for the echo. */
  public interface RemoteEcho extends Remote {
    /**
     * Returns its argument.
     *
     * @param payload the bytes
     * @return the same bytes
     * @throws RemoteException if the call fails
     */
    byte[] echo(byte[] payload) throws RemoteException;
  }

  private static final class RemoteEchoImpl implements RemoteEcho {
    @Override
    public byte[] echo(byte[] payload) {
      return payload;
    }
  }

  private static void rmi(int port) throws Exception {
    System.setProperty("java.rmi.server.hostname", "127.0.0.1");
    Registry registry = LocateRegistry.createRegistry(port);
    RemoteEchoImpl impl = new RemoteEchoImpl();
    registry.rebind("echo", UnicastRemoteObject.exportObject(impl, 0));
    System.out.println("READY " + port);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** gRPC's unary echo method, with a byte[] marshaller (no generated code). */
  static final MethodDescriptor<byte[], byte[]> GRPC_ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("bench.Echo/Echo")
      .setRequestMarshaller(BytesMarshaller.INSTANCE)
      .setResponseMarshaller(BytesMarshaller.INSTANCE)
      .build();

  private static void grpc() throws Exception {
    ServerServiceDefinition service = ServerServiceDefinition.builder("bench.Echo")
        .addMethod(GRPC_ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
          response.onNext(request);
          response.onCompleted();
        }))
        .build();
    Server server = ServerBuilder.forPort(0).addService(service).maxInboundMessageSize(64 << 20).build().start();
    System.out.println("READY " + server.getPort());
    System.out.flush();
    server.awaitTermination();
  }

  /** Passes byte arrays through unchanged. */
  enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * An ipc4j renderer JVM that times its own round trips to the host and sends the samples back. Arguments: mode
   * ({@code untyped}, {@code generated}, {@code send}, {@code cold} or {@code serve}); {@code untyped} and
   * {@code generated} take no more and time rounds of any payload size the host asks for, one JVM for the whole run
   * as each peer of the other rows is; {@code send} times rounds of one-way messages; {@code serve} serves
   * {@link EchoApi} for the main process's calls.
   */
  public static final class Ipc4jRenderer {
    /**
     * Connects and does what its mode says (see the class).
     *
     * @param args mode, then the mode's own arguments
     */
    public static void main(String[] args) throws Exception {
      long entered = System.nanoTime();
      IpcRenderer ipc = IpcRenderer.connect();
      String mode = args[0];
      if (mode.equals("cold")) {
        // The host measures until this call reaches it, then closes this renderer, possibly before the reply. The
        // call carries when main was entered and when the connection was made (the same clock on Linux).
        long connected = System.nanoTime();
        ipc.invoke(EchoApiIpc.ECHO, (Object) java.nio.ByteBuffer.allocate(16).putLong(entered).putLong(connected)
            .array());
        Thread.sleep(Long.MAX_VALUE);
      }
      if (mode.equals("serve")) {
        EchoApiIpc.register(ipc, new InProcessBench.Echo());
        // The host's main loop starts its timed calls when this renderer asks for them.
        ipc.on("bench:kick", (event, a) -> ipc.send(MainLoopCalls.START, a[0]));
        ipc.send("bench:result", (Object) new long[0]); // serving
        Thread.sleep(Long.MAX_VALUE);
      }
      EchoApi client = EchoApiIpc.client(ipc);
      if (mode.equals("send")) {
        // Each "bench:send" (count) times that many one-way 64-byte messages and reports the time per message.
        BlockingQueue<Long> counts = new LinkedBlockingQueue<>();
        ipc.on("bench:send", (event, a) -> counts.add(((Number) a[0]).longValue()));
        byte[] payload = new byte[64];
        while (true) {
          Long count = counts.poll(10, TimeUnit.MINUTES);
          if (count == null) {
            throw new IllegalStateException("the host asked for nothing in 10 minutes");
          }
          ipc.send("bench:result", new long[] {StreamRenderer.timeSends(client, payload, count)});
        }
      }
      timeRounds(ipc, client, mode.equals("generated"));
    }

    /** A "bench:warm" ({@code warm}) or "bench:go" request and its arguments. */
    private record Request(boolean warm, Object[] args) {}

    /**
     * Serves the host's requests one at a time, for any number of payload sizes in turn, as the peers of the other
     * rows do: "bench:warm" (payload size, least warm-up calls, warm-up batch) warms that size up until it is steady
     * and reports an empty sample set; "bench:go" (payload size, iterations) times one round
     * ({@link Plan#primedRound}) and reports its samples.
     */
    private static void timeRounds(IpcRenderer ipc, EchoApi client, boolean generated) throws Exception {
      BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
      ipc.on("bench:warm", (event, a) -> requests.add(new Request(true, a)));
      ipc.on("bench:go", (event, a) -> requests.add(new Request(false, a)));
      while (true) {
        Request request = requests.poll(10, TimeUnit.MINUTES);
        if (request == null) {
          throw new IllegalStateException("the host asked for nothing in 10 minutes");
        }
        Object[] a = request.args();
        byte[] payload = new byte[((Number) a[0]).intValue()];
        Runnable echo = () -> call(ipc, client, payload, generated);
        if (request.warm()) {
          Warmup.untilSteady(((Number) a[1]).intValue(), ((Number) a[2]).intValue(), Warmup.timing(echo));
          ipc.send("bench:result", (Object) new long[0]); // warmed up
          continue;
        }
        ipc.send("bench:result", (Object) Plan.primedRound(echo, ((Number) a[1]).intValue()));
      }
    }

    private static void call(IpcRenderer ipc, EchoApi client, byte[] payload, boolean generated) {
      byte[] back = generated ? client.echo(payload) : (byte[]) ipc.invoke(EchoApiIpc.ECHO, (Object) payload).join();
      Plan.check(back, payload.length);
    }
  }
}
