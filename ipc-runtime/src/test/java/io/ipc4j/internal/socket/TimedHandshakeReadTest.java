package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renderer waits for the host's WELCOME with a timed select, not a timer thread: it gives up at the deadline,
 * takes a frame that comes in pieces, and leaves the socket blocking for its reader thread.
 */
class TimedHandshakeReadTest {
  @TempDir Path dir;
  private SocketChannel rendererEnd;
  private SocketChannel hostEnd;

  @BeforeEach
  void connect() throws Exception {
    Path socket = dir.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      rendererEnd = SocketChannel.open(UnixDomainSocketAddress.of(socket));
      hostEnd = server.accept();
    }
  }

  @AfterEach
  void close() throws Exception {
    rendererEnd.close();
    hostEnd.close();
  }

  @Test
  void aHostThatNeverAnswersIsGivenUpOnAtTheDeadlineWithoutAThread() {
    Connection connection = new Connection(rendererEnd, "renderer", 1 << 20);
    int threads = Thread.activeCount();
    long start = System.nanoTime();
    assertThrows(SocketTimeoutException.class,
        () -> connection.readFrame(Frames.MAX_HELLO_BYTES, Duration.ofMillis(300)));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(took).isAtLeast(290L);
    assertThat(took).isLessThan(5_000L);
    assertThat(Thread.activeCount()).isAtMost(threads);
  }

  @Test
  void aWelcomeInPiecesIsReadWholeAndTheSocketIsBlockingAfterwards() throws Exception {
    Connection connection = new Connection(rendererEnd, "renderer", 1 << 20);
    ByteBuffer welcome = Frames.welcome(7, 8, 30_000, 20_000);
    Thread writer = new Thread(() -> {
      try {
        while (welcome.hasRemaining()) {
          hostEnd.write(welcome.duplicate().limit(welcome.position() + 1));
          welcome.position(welcome.position() + 1);
          Thread.sleep(5);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    ByteBuffer body = connection.readFrame(Frames.MAX_HELLO_BYTES, Duration.ofSeconds(10));
    writer.join(5_000);
    assertThat(body.get() & 0xff).isEqualTo(Frames.WELCOME);
    assertThat(body.getInt()).isEqualTo(7);
    assertThat(rendererEnd.isBlocking()).isTrue();
  }
}
