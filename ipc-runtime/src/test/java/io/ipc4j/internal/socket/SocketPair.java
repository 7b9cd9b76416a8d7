package io.ipc4j.internal.socket;

import io.ipc4j.internal.HostAccess;
import io.ipc4j.internal.SocketLoop;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two connected ends of a real Unix domain socket and a polling event loop for the host's end: what the tests of one
 * {@link Connection} stand on, without a host around it.
 */
final class SocketPair implements AutoCloseable {
  /** A loop that polls sockets, as the host's main loop does. */
  private final HostAccess.PollingLoop polling = new HostAccess.PollingLoop("test-loop", 20_000);
  /** The loop, as the socket code sees it. */
  final SocketLoop loop = polling.sockets;
  /** The end a {@link Connection} under test wraps. */
  final SocketChannel hostEnd;
  /** The end the test reads and writes raw bytes on. */
  final SocketChannel peerEnd;

  /** Connects a pair through a socket file in {@code dir}, removed again at once. */
  SocketPair(Path dir) throws IOException {
    Path socket = dir.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      peerEnd = SocketChannel.open(UnixDomainSocketAddress.of(socket));
      hostEnd = server.accept();
    }
    Files.deleteIfExists(socket);
  }

  /** A frame as the peer reads it: its fields, and its payload. */
  record PeerFrame(Frames.Head head, byte[] payload) {}

  /** Reads one whole frame on the peer's end, blocking until it has come. */
  PeerFrame readFrame() throws IOException {
    ByteBuffer length = ByteBuffer.allocate(4);
    readFully(length);
    ByteBuffer body = ByteBuffer.allocate(length.flip().getInt());
    readFully(body);
    body.flip();
    Frames.Head head;
    try {
      head = Frames.head(body.get() & 0xff, body);
    } catch (Frames.ProtocolException e) {
      throw new IOException(e);
    }
    byte[] payload = new byte[body.remaining()];
    body.get(payload);
    return new PeerFrame(head, payload);
  }

  private void readFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (peerEnd.read(b) < 0) {
        throw new EOFException();
      }
    }
  }

  @Override
  public void close() throws IOException {
    peerEnd.close();
    hostEnd.close();
    polling.close();
  }
}
