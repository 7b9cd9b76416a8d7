package io.ipc4j.internal;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One socket between a renderer and the host: a reader thread that hands each frame to a {@link Receiver}, and a
 * writer any thread may use. Writers combine: whoever holds the write lock sends every frame queued so far in one
 * gathering write, so small messages that queue up go out together and no thread is made per message.
 */
final class Connection {
  private static final System.Logger LOG = System.getLogger("io.ipc4j");

  /** What the reader does with frames, and with the end of the connection. */
  interface Receiver {
    void frame(Wire.Head head, byte[] payload) throws Wire.ProtocolException;

    void closed(String reason);
  }

  private final SocketChannel channel;
  private final String name;
  private final int maxFrameBytes;
  private final ConcurrentLinkedQueue<ByteBuffer[]> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Bytes read but not yet taken, between position and limit. */
  private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();
  private volatile Receiver receiver;
  private volatile String closeReason;

  Connection(SocketChannel channel, String name, int maxFrameBytes) {
    this.channel = channel;
    this.name = name;
    this.maxFrameBytes = maxFrameBytes;
  }

  boolean isOpen() {
    return !closed.get();
  }

  /** Starts the reader thread (after any handshake read on the caller's thread). */
  void start(Receiver receiver) {
    this.receiver = receiver;
    Thread reader = new Thread(this::readLoop, "ipc4j-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Reads one frame on the caller's thread (the handshake), refusing anything longer than {@code limit}.
   *
   * @return the frame's body, positioned at the type byte
   */
  ByteBuffer readFrame(int limit) throws IOException, Wire.ProtocolException {
    fill(4);
    int length = in.getInt(in.position());
    if (length < 1 || length > limit) {
      throw new Wire.ProtocolException("a frame length of " + (length & 0xffffffffL) + " bytes (the limit is "
          + limit + ")");
    }
    byte[] body = new byte[length];
    in.position(in.position() + 4);
    int buffered = Math.min(length, in.remaining());
    in.get(body, 0, buffered);
    if (buffered < length) {
      // A frame larger than what is buffered is read straight into its own array.
      readFully(ByteBuffer.wrap(body, buffered, length - buffered));
    }
    return ByteBuffer.wrap(body);
  }

  /**
   * Reads one frame after the handshake: its fields from the buffer, its payload into an array of its own (for a
   * frame larger than the buffer, straight from the socket), so no payload is copied twice.
   */
  private void readMessageFrame() throws IOException, Wire.ProtocolException {
    fill(4);
    int length = in.getInt(in.position());
    if (length < 1 || length > maxFrameBytes) {
      throw new Wire.ProtocolException("a frame length of " + (length & 0xffffffffL) + " bytes (the limit is "
          + maxFrameBytes + ")");
    }
    in.position(in.position() + 4);
    int window = Math.min(length, in.capacity());
    fill(window);
    int start = in.position();
    ByteBuffer fields = in.duplicate().limit(start + window);
    int type = fields.get() & 0xff;
    Wire.Head head = Wire.head(type, fields);
    int headerBytes = fields.position() - start;
    byte[] payload = new byte[length - headerBytes];
    int buffered = Math.min(payload.length, window - headerBytes);
    in.position(start + headerBytes);
    in.get(payload, 0, buffered);
    if (buffered < payload.length) {
      readFully(ByteBuffer.wrap(payload, buffered, payload.length - buffered));
    }
    receiver.frame(head, payload);
  }

  /**
   * Makes at least {@code n} bytes available in {@link #in} (n is at most its capacity), reading as many more as
   * the socket has: frames that queue up are taken with one read.
   */
  private void fill(int n) throws IOException {
    if (in.remaining() >= n) {
      return;
    }
    in.compact();
    try {
      while (in.position() < n) {
        if (channel.read(in) < 0) {
          throw new EOFException("the peer closed the connection");
        }
      }
    } finally {
      in.flip();
    }
  }

  private void readFully(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException("the peer closed the connection");
      }
    }
  }

  private void readLoop() {
    String reason = "the connection closed";
    try {
      while (!closed.get()) {
        readMessageFrame();
      }
    } catch (EOFException e) {
      reason = "the peer closed the connection";
    } catch (Wire.ProtocolException e) {
      reason = "it broke the protocol: " + e.getMessage();
      LOG.log(Level.WARNING, "ipc4j: disconnecting {0} because {1}", name, reason);
    } catch (IOException e) {
      reason = closed.get() ? "the connection closed" : "the connection failed: " + e.getMessage();
    } catch (RuntimeException e) {
      reason = "handling a frame failed: " + e;
      LOG.log(Level.ERROR, "ipc4j: disconnecting " + name + " after an internal error", e);
    }
    close(reason);
  }

  /** Queues a frame (header and optional payload) and sends what is queued unless another writer is at it. */
  void send(ByteBuffer header, byte[] payload) {
    queue.offer(payload == null || payload.length == 0
        ? new ByteBuffer[] {header}
        : new ByteBuffer[] {header, ByteBuffer.wrap(payload)});
    flush();
  }

  void send(Message message) {
    send(Wire.header(message), Wire.payload(message));
  }

  private void flush() {
    while (!queue.isEmpty() && writeLock.tryLock()) {
      try {
        List<ByteBuffer> batch = new ArrayList<>();
        ByteBuffer[] frame;
        while ((frame = queue.poll()) != null) {
          for (ByteBuffer part : frame) {
            batch.add(part);
          }
        }
        ByteBuffer[] buffers = batch.toArray(new ByteBuffer[0]);
        long remaining = 0;
        for (ByteBuffer b : buffers) {
          remaining += b.remaining();
        }
        while (remaining > 0) {
          remaining -= channel.write(buffers);
        }
      } catch (IOException e) {
        queue.clear();
        close("writing failed: " + e.getMessage());
        return;
      } finally {
        writeLock.unlock();
      }
    }
  }

  /** Closes the socket; the receiver hears of it once. Idempotent. */
  void close(String reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeReason = reason;
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "ipc4j: closing {0}: {1}", name, e.getMessage());
    }
    Receiver r = receiver;
    if (r != null) {
      r.closed(reason);
    }
  }

  String closeReason() {
    return closeReason;
  }

  @Override
  public String toString() {
    return name;
  }
}
