package io.ipc4j.bench;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import io.ipc4j.WebContents;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
 * Stream throughput: a renderer JVM streams 64-byte items from a host handler's publisher
 * ({@code stream-ipc4j}), against one-way {@code @Send} messages of the same size from the same JVM
 * ({@code stream-send-ipc4j}) and raw length-prefixed frames pipelined on a Unix socket ({@code stream-raw-uds},
 * the baseline); {@code stream-ipc4j-inproc} streams the same items to a renderer thread of an in-process host. The
 * four take turns round by round. Each row's p50 is the median over rounds of the time per item (one second over the
 * items per second); its p99 is the slowest round's. A round moves a quarter of the one-way messages the plan
 * gives ({@link Plan#messages()}), in as many rounds as the other groups take: short rounds spread each row over
 * the whole run, while a shared machine's load changes within seconds.
 */
final class StreamBench {
  static final String RAW = "stream-raw-uds";
  static final String SEND = "stream-send-ipc4j";
  static final String STREAM = "stream-ipc4j";
  static final String STREAM_INPROC = "stream-ipc4j-inproc";

  private final Plan plan;

  StreamBench(Plan plan) {
    this.plan = plan;
  }

  List<Row> run() throws Exception {
    Path dir = Files.createTempDirectory("ipc4j-bench-");
    Path socket = dir.resolve("sink.sock");
    List<Row> rows = new ArrayList<>();
    try (ServerSocketChannel sink = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        IpcHost host = Plan.socketHost();
        IpcHost inProcess = IpcHost.inProcess()) {
      sink.bind(UnixDomainSocketAddress.of(socket));
      Thread sinkThread = new Thread(() -> sink(sink), "raw-sink");
      sinkThread.setDaemon(true);
      sinkThread.start();
      EchoApiIpc.register(host.ipcMain(), new InProcessBench.Echo());
      StreamRenderer.serveItems(host.ipcMain());
      StreamRenderer.serveItems(inProcess.ipcMain());
      BlockingQueue<long[]> results = new LinkedBlockingQueue<>();
      host.ipcMain().on(StreamRenderer.RESULT, (event, args) -> results.add((long[]) args[0]));
      WebContents renderer = host.launchRenderer(StreamRenderer.class, socket.toString());
      take(results); // ready
      IpcRenderer local = inProcess.openRenderer().ipcRenderer();
      Map<String, Warmup.PerItem> measures = new LinkedHashMap<>();
      measures.put(RAW, items -> remote(renderer, results, "raw", items));
      measures.put(SEND, items -> remote(renderer, results, "send", items));
      measures.put(STREAM, items -> remote(renderer, results, "stream", items));
      measures.put(STREAM_INPROC, items -> StreamRenderer.stream(local, items));
      rows.addAll(plan.oneWayRows(measures, StreamRenderer.ITEM_BYTES));
      renderer.close();
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
    return rows;
  }

  private static long remote(WebContents renderer, BlockingQueue<long[]> results, String mode, long items)
      throws InterruptedException {
    renderer.send(StreamRenderer.GO, mode, items);
    return take(results)[0];
  }

  /**
   * The raw rows' receiving end, in this JVM: per connection, a frame {@code 'S'} and a count {@code n}, then
   * {@code n} frames read and dropped, then a one-byte frame to acknowledge them; again and again.
   */
  private static void sink(ServerSocketChannel server) {
    while (server.isOpen()) {
      try (SocketChannel channel = server.accept()) {
        Frames frames = new Frames(channel);
        while (true) {
          int length = frames.read();
          ByteBuffer header = ByteBuffer.wrap(frames.lastFrame(length));
          if (length != 9 || header.get() != 'S') {
            throw new IOException("the raw sink expected a count frame, got " + length + " bytes");
          }
          for (long i = header.getLong(); i > 0; i--) {
            frames.read();
          }
          frames.write(new byte[] {1});
        }
      } catch (IOException e) {
        // the renderer is done, or the sink closed
      }
    }
  }

  private static long[] take(BlockingQueue<long[]> queue) throws InterruptedException {
    long[] value = queue.poll(10, TimeUnit.MINUTES);
    if (value == null) {
      throw new IllegalStateException("the stream renderer did not report");
    }
    return value;
  }
}
