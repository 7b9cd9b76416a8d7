package io.ipc4j.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Length-prefixed frames on a blocking socket: the raw baseline's whole protocol. */
final class Frames {
  private final SocketChannel channel;
  private final ByteBuffer header = ByteBuffer.allocate(4);
  private ByteBuffer body = ByteBuffer.allocate(64);

  Frames(SocketChannel channel) {
    this.channel = channel;
  }

  void write(byte[] payload) throws IOException {
    header.clear().putInt(payload.length).flip();
    ByteBuffer[] parts = {header, ByteBuffer.wrap(payload)};
    long left = 4L + payload.length;
    while (left > 0) {
      left -= channel.write(parts);
    }
  }

  /** Reads one frame into a reused buffer and returns its length. */
  int read() throws IOException {
    header.clear();
    fill(header);
    int length = header.flip().getInt();
    if (body.capacity() < length) {
      body = ByteBuffer.allocate(length);
    }
    body.clear().limit(length);
    fill(body);
    return length;
  }

  byte[] lastFrame(int length) {
    byte[] copy = new byte[length];
    body.flip().get(copy);
    return copy;
  }

  private void fill(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException();
      }
    }
  }
}
