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
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;

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
      while (true) {
        SocketChannel channel = server.accept();
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
   * ({@code untyped}, {@code generated}, {@code send}, {@code cold} or {@code serve}), payload size, least warm-up
   * count, warm-up batch (see {@link Warmup}), iterations, rounds; {@code send} takes mode, payload, warm-up count and
   * messages; {@code serve} takes no more arguments and serves
   * {@link EchoApi} for the main process's calls.
   */
  public static final class Ipc4jRenderer {
    /**
     * Runs one measurement: after warming up it reports an empty sample set, then times one round per
     * "bench:go" it receives and reports each round's samples.
     *
     * @param args mode, payload, least warm-up count, warm-up batch, iterations per round, rounds
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
      byte[] payload = new byte[Integer.parseInt(args[1])];
      int warmup = Integer.parseInt(args[2]);
      int iterations = Integer.parseInt(args[args.length == 4 ? 3 : 4]);
      EchoApi client = EchoApiIpc.client(ipc);
      if (mode.equals("send")) {
        for (int i = 0; i < warmup; i++) {
          client.sink(payload);
        }
        ipc.send("bench:result", new long[] {StreamRenderer.timeSends(client, payload, iterations)});
        Thread.sleep(Long.MAX_VALUE);
      }
      boolean generated = mode.equals("generated");
      java.util.concurrent.BlockingQueue<Object> go = new java.util.concurrent.LinkedBlockingQueue<>();
      ipc.on("bench:go", (event, a) -> go.add(Boolean.TRUE));
      Warmup.untilSteady(warmup, Integer.parseInt(args[3]),
          Warmup.timing(() -> call(ipc, client, payload, generated)));
      int rounds = Integer.parseInt(args[5]);
      ipc.send("bench:result", (Object) new long[0]); // warmed up
      for (int round = 0; round < rounds; round++) {
        if (go.poll(10, java.util.concurrent.TimeUnit.MINUTES) == null) {
          throw new IllegalStateException("the host did not start round " + round);
        }
        long[] samples = new long[iterations];
        for (int i = 0; i < samples.length; i++) {
          long start = System.nanoTime();
          call(ipc, client, payload, generated);
          samples[i] = System.nanoTime() - start;
        }
        ipc.send("bench:result", (Object) samples);
      }
      Thread.sleep(Long.MAX_VALUE);
    }

    private static void call(IpcRenderer ipc, EchoApi client, byte[] payload, boolean generated) {
      byte[] back = generated ? client.echo(payload) : (byte[]) ipc.invoke(EchoApiIpc.ECHO, (Object) payload).join();
      Plan.check(back, payload.length);
    }
  }
}
