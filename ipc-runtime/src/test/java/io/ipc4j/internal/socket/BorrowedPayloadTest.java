package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.internal.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A payload sent as it is ({@link Message.WithPayload#asIs}) is the sender's own array, which the sender may change
 * as soon as the send returns: by then the connection has written it, or copied what the socket has not taken yet,
 * whoever was writing at the time. The peer never reads these tests' frames until the sends have returned.
 */
class BorrowedPayloadTest {

  @TempDir Path dir;
  private SocketPair pair;
  /** Twice what the socket holds, and a mebibyte more: a send of it leaves bytes the peer must read first. */
  private int size;

  @BeforeEach
  void connect() throws IOException {
    pair = new SocketPair(dir);
    new Connection(pair.hostEnd, "sizing", 1); // the socket's buffer is the size a connection asks for
    size = 2 * pair.hostEnd.getOption(java.net.StandardSocketOptions.SO_SNDBUF) + (1 << 20);
  }

  @AfterEach
  void close() throws IOException {
    pair.close();
  }

  private static final class Ignored implements Connection.Receiver {
    @Override
    public void frame(Frames.Head head, byte[] payload) {}

    @Override
    public void closed(String why) {}
  }

  private byte[] filled(int value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  @Test
  void aPolledSocketCopiesWhatItCouldNotTakeOfABorrowedArrayBeforeTheSendReturns() throws Exception {
    Connection connection = new Connection(pair.hostEnd, "polled", 64 << 20);
    connection.startPolled(new Ignored(), pair.loop);
    byte[] value = filled(1);
    long start = System.nanoTime();
    connection.send(new Message.Reply(1, true, value, true)); // most of it cannot be written now
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000L); // it did not wait
    assertThat(connection.outboundBytes()).isGreaterThan(0L);
    Arrays.fill(value, (byte) 9);
    assertThat(pair.readFrame().payload()).isEqualTo(filled(1));
  }

  @Test
  void aBorrowedArrayQueuedBehindAnotherWriterIsWrittenBeforeItsSendReturns() throws Exception {
    Connection connection = new Connection(pair.hostEnd, "renderer", 64 << 20);
    connection.start(new Ignored()); // a renderer's end: a writer waits for the socket to drain
    byte[] first = filled(2);
    CompletableFuture<Void> firstSent = CompletableFuture.runAsync(
        () -> connection.send(new Message.Push(1, "first", first))); // holds the socket until the peer reads
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (connection.outboundBytes() < size / 4 && System.nanoTime() < deadline) {
      Thread.sleep(1); // until the first writer is at it and waits for the socket
    }
    byte[] second = filled(3);
    CompletableFuture<Void> secondSent = CompletableFuture.runAsync(() -> {
      connection.send(new Message.Reply(2, true, second, true));
      Arrays.fill(second, (byte) 9); // as soon as its send returns
    });
    Thread.sleep(200);
    assertThat(secondSent.isDone()).isFalse(); // it waits for the writer ahead of it, as a blocking write would
    assertThat(pair.readFrame().payload()).isEqualTo(filled(2));
    assertThat(pair.readFrame().payload()).isEqualTo(filled(3));
    firstSent.get(10, TimeUnit.SECONDS);
    secondSent.get(10, TimeUnit.SECONDS);
    connection.close("done");
  }
}
