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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Large frames one after another, each trickled in pieces of odd sizes, reach a polled socket (the host's end) and a
 * socket with a reader thread (a renderer's) whole and unmixed, though the start of each goes through the staging
 * array the one before it used.
 */
class LargeFrameArrivalTest {
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

  private static byte[] payload(int index, int size) {
    byte[] payload = new byte[size];
    for (int i = 0; i < size; i++) {
      payload[i] = (byte) (i * 13 + index * 101);
    }
    return payload;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void largeFramesTrickledInOddPiecesArriveWholeEachWithItsOwnBytes(boolean polled) throws Exception {
    int[] sizes = {3 << 20, (256 << 10) + 7, 1 << 20, 10, 3 << 20, 81 * 1024, (5 << 20) + 3, 2 << 20};
    List<byte[]> received = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture<String> closed = new CompletableFuture<>();
    Connection.Receiver receiver = new Connection.Receiver() {
      @Override
      public void frame(Frames.Head head, byte[] payload) {
        received.add(payload);
        if (received.size() == sizes.length) {
          done.complete(null);
        }
      }

      @Override
      public void closed(String reason) {
        closed.complete(reason);
      }
    };
    Connection connection = new Connection(pair.hostEnd, "large", 8 << 20);
    if (polled) {
      connection.startPolled(receiver, pair.loop);
    } else {
      connection.start(receiver);
    }
    Thread writer = new Thread(() -> {
      try {
        for (int i = 0; i < sizes.length; i++) {
          Message.Push push = new Message.Push(1, "big" + i, payload(i, sizes[i]));
          ByteBuffer header = Frames.header(push);
          ByteBuffer bytes = ByteBuffer.allocate(header.remaining() + sizes[i]).put(header).put(push.payload()).flip();
          while (bytes.hasRemaining()) {
            int cut = (int) Math.min(bytes.remaining(), 1 + (bytes.position() * 7919L) % 300_000);
            ByteBuffer piece = bytes.duplicate().limit(bytes.position() + cut);
            while (piece.hasRemaining()) {
              pair.peerEnd.write(piece);
            }
            bytes.position(bytes.position() + cut);
          }
        }
      } catch (IOException e) {
        done.completeExceptionally(e);
      }
    });
    writer.start();
    done.get(60, TimeUnit.SECONDS);
    writer.join(10_000);
    for (int i = 0; i < sizes.length; i++) {
      assertThat(received.get(i)).isEqualTo(payload(i, sizes[i]));
    }
    assertThat(closed.isDone()).isFalse();
    connection.close("done");
  }
}
