package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcDisconnectedException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renderer whose host answers HELLO with a WELCOME it cannot use (too short, or a negative default deadline) fails
 * to connect with {@link IpcDisconnectedException} that says so, as for any other broken handshake: never with an
 * exception from reading past the end of the frame, and never with a deadline that makes no sense.
 */
class BrokenWelcomeTest {
  @TempDir Path dir;

  /** Connects a renderer to a host that answers HELLO with {@code welcome} (the frame after its length). */
  private Throwable connectTo(ByteBuffer welcome) throws Exception {
    Path socket = dir.resolve("host.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
        try (SocketChannel renderer = server.accept()) {
          ByteBuffer hello = ByteBuffer.allocate(Frames.MAX_HELLO_BYTES);
          renderer.read(hello);
          ByteBuffer frame = ByteBuffer.allocate(4 + welcome.remaining()).putInt(welcome.remaining()).put(welcome);
          renderer.write(frame.flip());
          renderer.read(ByteBuffer.allocate(1)); // until the renderer lets go
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      Throwable failure = assertThrows(IpcDisconnectedException.class,
          () -> SocketClient.connect(Endpoint.parse("unix:" + socket), new byte[32], 1 << 20));
      answered.get(10, TimeUnit.SECONDS);
      return failure;
    }
  }

  @Test
  void aWelcomeTooShortForItsFieldsFailsTheConnectWithTheReason() throws Exception {
    Throwable failure = connectTo(ByteBuffer.allocate(2).put((byte) Frames.WELCOME).put((byte) 1).flip());
    assertThat(failure).hasMessageThat().contains("WELCOME of 1 bytes; it has 24");
  }

  @Test
  void aWelcomeWithANegativeDefaultDeadlineFailsTheConnectWithTheReason() throws Exception {
    ByteBuffer welcome = ByteBuffer.allocate(25).put((byte) Frames.WELCOME).putInt(1).putInt(1).putLong(-5)
        .putLong(0).flip();
    Throwable failure = connectTo(welcome);
    assertThat(failure).hasMessageThat().contains("a default deadline of -5 ms");
  }
}
