package io.ipc4j.bench;

import io.ipc4j.IpcRenderer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A renderer JVM of the concurrency scenario: on each {@value #GO} its threads call echo, all at once, for the
 * round's time, either through ipc4j's generated client (all threads share the renderer's one connection) or each
 * through a raw socket of its own to {@link RawEchoServer}; then it reports the calls made and the time they took.
 */
public final class ConcurrentRenderer {
  /** Starts a round; arguments: {@code "ipc4j"} or {@code "raw"}, payload size, milliseconds. */
  static final String GO = "bench:concurrency-go";
  /** A round's result, {@code long[] {calls, nanoseconds}}; an empty array when the renderer is ready. */
  static final String RESULT = "bench:concurrency-result";

  private ConcurrentRenderer() {}

  /**
   * Connects, opens one raw connection per thread, and runs rounds until the host goes away.
   *
   * @param args the raw echo server's socket path, the number of threads
   */
  public static void main(String[] args) throws Exception {
    IpcRenderer ipc = IpcRenderer.connect();
    EchoApi client = EchoApiIpc.client(ipc);
    int threads = Integer.parseInt(args[1]);
    List<Frames> raw = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(args[0]));
      raw.add(new Frames(channel));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "caller");
      thread.setDaemon(true);
      return thread;
    });
    Rounds.play(ipc, GO, RESULT, round -> {
      boolean useRaw = round[0].equals("raw");
      int size = ((Number) round[1]).intValue();
      long start = System.nanoTime();
      long deadline = start + ((Number) round[2]).longValue() * 1_000_000L;
      List<Future<Long>> counts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Frames frames = raw.get(t);
        counts.add(pool.submit(() -> callUntil(deadline, size, useRaw ? p -> rawEcho(frames, p) : client::echo)));
      }
      long calls = 0;
      for (Future<Long> count : counts) {
        calls += count.get(10, TimeUnit.MINUTES);
      }
      return new long[] {calls, System.nanoTime() - start};
    });
  }

  private static long callUntil(long deadline, int size, java.util.function.UnaryOperator<byte[]> echo) {
    byte[] payload = new byte[size];
    long calls = 0;
    while (System.nanoTime() < deadline) {
      Plan.check(echo.apply(payload), size);
      calls++;
    }
    return calls;
  }

  private static byte[] rawEcho(Frames frames, byte[] payload) {
    try {
      frames.write(payload);
      return frames.lastFrame(frames.read());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
