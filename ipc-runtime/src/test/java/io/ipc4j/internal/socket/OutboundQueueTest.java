package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.internal.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound queue of a polled (host-side) socket: writers never wait, what the socket cannot take is written by
 * the loop as it drains, in order, and only the limits end the connection.
 */
class OutboundQueueTest {
  @TempDir Path dir;
  private SocketPair pair;

  @BeforeEach
  void connect() throws IOException {
    pair = new SocketPair(dir);
  }

  @AfterEach
  void close() throws IOException {
    pair.close();
  }

  /** Records why the connection closed; the host end receives nothing in these tests. */
  private static final class Closed implements Connection.Receiver {
    final CompletableFuture<String> reason = new CompletableFuture<>();

    @Override
    public void frame(Frames.Head head, byte[] payload) {}

    @Override
    public void closed(String why) {
      reason.complete(why);
    }
  }

  /** A frame as the host writes it: a PUSH on channel {@code w<writer>} whose payload starts with its number. */
  private static void push(Connection connection, int writer, int seq, int filler) {
    byte[] payload = new byte[4 + filler];
    ByteBuffer.wrap(payload).putInt(seq);
    for (int i = 4; i < payload.length; i++) {
      payload[i] = (byte) (seq + writer);
    }
    connection.send(new Message.Push(1, "w" + writer, payload));
  }

  @Test
  void framesFromManyThreadsAndTheLoopReachASlowReaderOnceEachInOrderThroughTheQueue() throws Exception {
    long seed = Long.getLong("ipc4j.outbound.seed", System.nanoTime());
    System.out.println("OutboundQueueTest seed: " + seed + " (-Dipc4j.outbound.seed=" + seed + " repeats it)");
    int writers = 4; // three threads and the pair.loop
    int perWriter = 1_500;
    int[][] fillers = new int[writers][perWriter];
    SplittableRandom random = new SplittableRandom(seed);
    for (int[] sizes : fillers) {
      for (int i = 0; i < perWriter; i++) {
        sizes[i] = random.nextInt(10) == 0 ? random.nextInt(64 * 1024) : random.nextInt(2_000);
      }
    }
    Closed closed = new Closed();
    Connection connection = new Connection(pair.hostEnd, "polled", 1 << 20, 10_000, 64L << 20);
    connection.startPolled(closed, pair.loop);
    AtomicLong mostQueued = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers - 1; w++) {
      int writer = w;
      threads.add(new Thread(() -> {
        for (int i = 0; i < perWriter; i++) {
          push(connection, writer, i, fillers[writer][i]);
          mostQueued.accumulateAndGet(connection.outboundBytes(), Math::max);
        }
      }, "writer-" + w));
    }
    int loopWriter = writers - 1;
    Runnable[] loopChunk = new Runnable[1];
    int[] next = {0};
    loopChunk[0] = () -> { // the pair.loop writes in chunks, between its polls of the socket
      for (int end = Math.min(perWriter, next[0] + 25); next[0] < end; next[0]++) {
        push(connection, loopWriter, next[0], fillers[loopWriter][next[0]]);
      }
      if (next[0] < perWriter) {
        pair.loop.execute(loopChunk[0]);
      }
    };
    threads.forEach(Thread::start);
    pair.loop.execute(loopChunk[0]);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (mostQueued.get() <= 1L << 20 && System.nanoTime() < until) {
      Thread.sleep(1); // the reader starts late, so the writers get ahead of it whatever the machine's load
    }

    int[] expected = new int[writers];
    long readSinceNap = 0;
    for (int n = 0; n < writers * perWriter; n++) {
      SocketPair.PeerFrame frame = pair.readFrame();
      Frames.Head head = frame.head();
      byte[] payload = frame.payload();
      int writer = Integer.parseInt(head.channel().substring(1));
      int seq = ByteBuffer.wrap(payload).getInt();
      assertThat(seq).isEqualTo(expected[writer]);
      assertThat(payload).hasLength(4 + fillers[writer][seq]);
      for (int i = 4; i < payload.length; i++) {
        if (payload[i] != (byte) (seq + writer)) {
          throw new AssertionError("byte " + i + " of frame " + seq + " from writer " + writer + " is wrong");
        }
      }
      expected[writer]++;
      readSinceNap += payload.length;
      if (readSinceNap > 512 * 1024) { // a slow reader: the writers get ahead of it
        readSinceNap = 0;
        Thread.sleep(2);
      }
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(expected).asList().containsExactly(perWriter, perWriter, perWriter, perWriter);
    assertThat(closed.reason.isDone()).isFalse();
    assertThat(mostQueued.get()).isGreaterThan(1L << 20); // the queue, not the socket, held most of it at a time
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (connection.outboundBytes() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(1); // the last writer counts its bytes off just after the socket took them
    }
    assertThat(connection.outboundBytes()).isEqualTo(0L);
  }

  @Test
  void aFrameLargerThanTheBudgetGoesOutWholeFromAnEmptyQueue() throws Exception {
    Closed closed = new Closed();
    Connection connection = new Connection(pair.hostEnd, "polled", 8 << 20, 10_000, 64 * 1024);
    connection.startPolled(closed, pair.loop);
    for (int seq = 0; seq < 2; seq++) {
      push(connection, 0, seq, 3 << 20);
      byte[] payload = pair.readFrame().payload();
      assertThat(payload).hasLength(4 + (3 << 20));
      assertThat(ByteBuffer.wrap(payload).getInt()).isEqualTo(seq);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (connection.outboundBytes() != 0 && System.nanoTime() < deadline) {
        Thread.sleep(1); // the writer counts its last bytes off just after the socket took them: then it is empty
      }
    }
    assertThat(closed.reason.isDone()).isFalse();
  }

  @Test
  void aFrameThatWouldPassTheBudgetBehindWaitingBytesDisconnectsWithTheReason() throws Exception {
    Closed closed = new Closed();
    Connection connection = new Connection(pair.hostEnd, "polled", 64 << 20, 10_000, 64 * 1024);
    connection.startPolled(closed, pair.loop);
    long start = System.nanoTime();
    int full = pair.hostEnd.getOption(java.net.StandardSocketOptions.SO_SNDBUF);
    push(connection, 0, 0, 2 * full + (1 << 20)); // the peer reads nothing: what the socket does not hold waits
    push(connection, 0, 1, 1_000);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000L); // no writer waited
    assertThat(closed.reason.get(5, TimeUnit.SECONDS)).matches("it did not read: [0-9,]+ bytes were waiting for "
        + "it and 1,0[0-9]{2} more would pass the limit of 65,536 \\(IpcHost.Builder.maxOutboundBytes\\)");
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void eachEndAsksForASendBufferThatTakesALargeFrameInOneWrite() throws Exception {
    Path limit = Path.of("/proc/sys/net/core/wmem_max"); // Linux: what a socket may be granted
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(limit), "not Linux");
    long allowed = Long.parseLong(java.nio.file.Files.readAllLines(limit).get(0).trim());
    int before = pair.hostEnd.getOption(java.net.StandardSocketOptions.SO_SNDBUF);
    // Where the cap is no larger than the buffer a socket has anyway (208 KiB by default), asking changes nothing
    // and this test could not fail: it says so instead of passing.
    org.junit.jupiter.api.Assumptions.assumeTrue(allowed > before,
        "net.core.wmem_max (" + allowed + ") grants no more than a socket's default send buffer (" + before + ")");
    new Connection(pair.hostEnd, "polled", 8 << 20);
    new Connection(pair.peerEnd, "renderer", 8 << 20);
    for (java.nio.channels.SocketChannel end : List.of(pair.hostEnd, pair.peerEnd)) {
      long granted = end.getOption(java.net.StandardSocketOptions.SO_SNDBUF);
      assertThat(granted).isAtLeast(Math.min(OutboundQueue.SEND_BUFFER_BYTES, allowed));
      assertThat(granted).isGreaterThan(before);
    }
  }
}
