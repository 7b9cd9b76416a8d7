package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.internal.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A socket read by an event loop (the host's end) or by a thread of its own (a renderer's): every frame arrives
 * whole, once, in order, however it is cut.
 */
class PolledConnectionTest {
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

  private static ByteBuffer frameBytes(int index, int payloadBytes) {
    byte[] payload = new byte[payloadBytes];
    for (int i = 0; i < payloadBytes; i++) {
      payload[i] = (byte) (index + i);
    }
    Message.Send send = new Message.Send(0, "ch" + index, payload);
    ByteBuffer header = Frames.header(send);
    return ByteBuffer.allocate(header.remaining() + payloadBytes).put(header).put(payload).flip();
  }

  private void write(ByteBuffer bytes) {
    try {
      while (bytes.hasRemaining()) {
        pair.peerEnd.write(bytes);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertFrame(Frames.Head head, byte[] payload, int index, int payloadBytes) {
    assertThat(head.channel()).isEqualTo("ch" + index);
    assertThat(payload).hasLength(payloadBytes);
    for (int i = 0; i < payloadBytes; i++) {
      assertThat(payload[i]).isEqualTo((byte) (index + i));
    }
  }

  /** A receiver that records each frame's channel (and can do more) and why the connection closed. */
  private static class Recorder implements Connection.Receiver {
    final List<String> channels = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();

    @Override
    public void frame(Frames.Head head, byte[] payload) {
      channels.add(head.channel());
    }

    @Override
    public void closed(String reason) {
      closed.complete(reason);
    }
  }

  @Test
  void framesThatEachArriveAsTheLastIsHandledAreAllDelivered() throws Exception {
    // The peer sends the next frame only once the previous one is handled: many reads in one poll, each with one
    // frame. Every frame must be handled although the socket is quiet after the last.
    int count = 200;
    CompletableFuture<Integer> done = new CompletableFuture<>();
    Connection connection = new Connection(pair.hostEnd, "polled", 1 << 20);
    connection.startPolled(new Recorder() {
      @Override
      public void frame(Frames.Head head, byte[] payload) {
        int index = channels.size();
        assertFrame(head, payload, index, 64);
        channels.add(head.channel());
        if (index + 1 < count) {
          write(frameBytes(index + 1, 64));
        } else {
          done.complete(channels.size());
        }
      }
    }, pair.loop);
    write(frameBytes(0, 64));
    assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo(count);
  }

  @Test
  void aBurstOfFramesAndFramesLargerThanTheBufferArriveWholeAndInOrder() throws Exception {
    int[] sizes = {0, 1, 64, 65_000, 65_531, 65_536, 200_000, 3 << 20, 10, 1 << 16};
    CompletableFuture<Void> done = new CompletableFuture<>();
    Recorder recorder = new Recorder() {
      @Override
      public void frame(Frames.Head head, byte[] payload) {
        int index = channels.size();
        assertFrame(head, payload, index, sizes[index]);
        channels.add(head.channel());
        if (channels.size() == sizes.length) {
          done.complete(null);
        }
      }
    };
    new Connection(pair.hostEnd, "polled", 8 << 20).startPolled(recorder, pair.loop);
    Thread writer = new Thread(() -> {
      for (int i = 0; i < sizes.length; i++) {
        ByteBuffer bytes = frameBytes(i, sizes[i]);
        // Cut every frame at odd places, so fields and payloads straddle reads.
        while (bytes.hasRemaining()) {
          int cut = (int) Math.min(bytes.remaining(), 1 + (bytes.position() * 7919L) % 40_000);
          write(bytes.duplicate().limit(bytes.position() + cut));
          bytes.position(bytes.position() + cut);
        }
      }
    });
    writer.start();
    done.get(30, TimeUnit.SECONDS);
    writer.join(10_000);
    assertThat(recorder.channels).hasSize(sizes.length);
    assertThat(recorder.closed.isDone()).isFalse();
  }

  @Test
  void theEndOfTheStreamAndAnOversizedFrameCloseTheConnectionWithAReason() throws Exception {
    Recorder recorder = new Recorder();
    new Connection(pair.hostEnd, "polled", 1024).startPolled(recorder, pair.loop);
    write(frameBytes(0, 10));
    write(ByteBuffer.allocate(4).putInt(0, Integer.MAX_VALUE));
    assertThat(recorder.closed.get(10, TimeUnit.SECONDS))
        .isEqualTo("it broke the protocol: a frame length of 2147483647 bytes (the limit is 1024)");
    assertThat(recorder.channels).containsExactly("ch0");

    Recorder second = new Recorder();
    close();
    connect();
    new Connection(pair.hostEnd, "polled", 1024).startPolled(second, pair.loop);
    write(frameBytes(0, 10));
    pair.peerEnd.close();
    assertThat(second.closed.get(10, TimeUnit.SECONDS)).isEqualTo("the peer closed the connection");
    assertThat(second.channels).containsExactly("ch0");
  }

  @Test
  void aConnectionThatClosedBeforeItsReceiverCameTellsItsReceiverOnce() throws Exception {
    // A renderer killed just after its HELLO: writing WELCOME fails, and the socket closes before its loop takes it.
    Connection polled = new Connection(pair.hostEnd, "polled", 1024);
    polled.close("writing failed: Broken pipe");
    AtomicInteger told = new AtomicInteger();
    Recorder recorder = new Recorder() {
      @Override
      public void closed(String reason) {
        told.incrementAndGet();
        super.closed(reason);
      }
    };
    polled.startPolled(recorder, pair.loop);
    assertThat(recorder.closed.get(10, TimeUnit.SECONDS)).isEqualTo("writing failed: Broken pipe");

    close();
    connect();
    Connection threaded = new Connection(pair.hostEnd, "threaded", 1024);
    threaded.close("the connection closed");
    Recorder second = new Recorder();
    threaded.start(second);
    assertThat(second.closed.get(10, TimeUnit.SECONDS)).isEqualTo("the connection closed");
    polled.close("again");
    assertThat(told.get()).isEqualTo(1);
  }

  @Test
  void aWriterToAPeerThatTakesNothingIsCutOffAfterTheStallTimeInsteadOfWaitingForever() throws Exception {
    Recorder recorder = new Recorder();
    Connection connection = new Connection(pair.hostEnd, "polled", 1 << 20, 300);
    connection.startPolled(recorder, pair.loop);
    long start = System.nanoTime();
    byte[] big = new byte[512 * 1024];
    for (int i = 0; i < 64 && connection.isOpen(); i++) { // the peer never reads: the socket fills up
      connection.send(new Message.Push(1, "x", big));
    }
    assertThat(recorder.closed.get(10, TimeUnit.SECONDS))
        .matches("it did not read: it took no byte for the stall time of 300 ms while [0-9,]+ bytes were waiting "
            + "for it \\(IpcHost.Builder.stallTime\\)");
    assertThat(connection.isOpen()).isFalse();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isAtLeast(300L);
  }

  @Test
  void aRenderersWriterToAHostThatTakesNothingIsCutOffAfterTheStallTimeInsteadOfWaitingForever() throws Exception {
    Recorder recorder = new Recorder(); // a renderer's end: a reader thread, and writers that wait for the socket
    Connection connection = new Connection(pair.hostEnd, "threaded", 1 << 20, 300);
    connection.start(recorder);
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      byte[] big = new byte[512 * 1024];
      for (int i = 0; i < 64 && connection.isOpen(); i++) { // the host never reads: the socket fills up
        connection.send(new Message.Send(1, "x", big));
      }
    });
    assertThat(recorder.closed.get(10, TimeUnit.SECONDS))
        .isEqualTo("the peer took no byte for the stall time of 300 ms while bytes were waiting for it");
    writer.get(10, TimeUnit.SECONDS); // the writer that waited is let go
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void aReaderThreadWhoseBufferFillsWithAFrameLargerThanItTakesEveryByteOfIt() throws Exception {
    // The frames are in the socket before the reader starts: a small frame and the start of a large one fill its
    // buffer, and completing the large frame's fields then refills the buffer to the brim.
    int[] sizes = {3, 200_000, 64 * 1024, 3};
    CompletableFuture<Void> done = new CompletableFuture<>();
    Recorder recorder = new Recorder() {
      @Override
      public void frame(Frames.Head head, byte[] payload) {
        int index = channels.size();
        assertFrame(head, payload, index, sizes[index]);
        channels.add(head.channel());
        if (channels.size() == sizes.length) {
          done.complete(null);
        }
      }
    };
    Thread writer = new Thread(() -> {
      for (int i = 0; i < sizes.length; i++) {
        write(frameBytes(i, sizes[i]));
      }
    });
    writer.start();
    Thread.sleep(100);
    new Connection(pair.hostEnd, "threaded", 1 << 20).start(recorder);
    done.get(10, TimeUnit.SECONDS);
    writer.join(10_000);
    assertThat(recorder.closed.isDone()).isFalse();
  }
}
