package io.ipc4j.internal;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One socket between a renderer and the host. Frames are read either by a reader thread of its own (a renderer's
 * end) or by an event loop that polls the socket (the host's end, see {@link #startPolled}); either way each frame
 * goes to a {@link Receiver}. Any thread may write. Writers combine: whoever holds the write lock sends every frame
 * queued so far in one gathering write, so small messages that queue up go out together and no thread is made per
 * message.
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
  /** How many reads a poll of this socket may make before the loop moves on to other work. */
  private static final int READS_PER_POLL = 16;
  /** How long a writer waits by default for a peer that takes no bytes before cutting it off. */
  static final long WRITE_STALL_MILLIS = 30_000;
  private final ConcurrentLinkedQueue<ByteBuffer[]> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Bytes read but not yet taken, between position and limit. */
  private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();
  private volatile Receiver receiver;
  private volatile String closeReason;
  /** The loop that reads this socket, when it is polled. */
  private volatile EventLoop pollingLoop;
  /** The frame being read: its fields, its payload, and where the rest of the payload goes. */
  private Wire.Head partialHead;
  private byte[] partialPayload;
  private ByteBuffer partialRest;
  /** Where a writer waits for a full non-blocking socket to drain (created when first needed). */
  private volatile Selector writeSelector;
  private final long writeStallMillis;

  Connection(SocketChannel channel, String name, int maxFrameBytes) {
    this(channel, name, maxFrameBytes, WRITE_STALL_MILLIS);
  }

  /**
   * @param writeStallMillis how long a writer to a polled (non-blocking) socket waits for a peer that takes no
   *     bytes before the connection is cut
   */
  Connection(SocketChannel channel, String name, int maxFrameBytes, long writeStallMillis) {
    this.channel = channel;
    this.name = name;
    this.maxFrameBytes = maxFrameBytes;
    this.writeStallMillis = writeStallMillis;
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
   * Hands the socket to an event loop with a {@link Poller}, which reads it from then on (after any handshake read
   * on the caller's thread): frames reach the receiver on that loop.
   */
  void startPolled(Receiver receiver, EventLoop loop) {
    this.receiver = receiver;
    this.pollingLoop = loop;
    try {
      channel.configureBlocking(false);
    } catch (IOException e) {
      close("the connection failed: " + e.getMessage());
      return;
    }
    loop.execute(() -> {
      try {
        loop.poller().register(channel, this::readable);
      } catch (IOException | RuntimeException e) {
        close(closed.get() ? "the connection closed" : "the connection failed: " + e);
        return;
      }
      readable(); // bytes that came with the handshake may already be buffered
    });
  }

  /**
   * Reads what a polled socket has and hands every whole frame to the receiver; on the polling loop. A frame's
   * fields are parsed once all of them (or a buffer's worth) are here; a payload larger than the buffer then goes
   * straight from the socket into its own array, however many polls that takes.
   */
  private void readable() {
    if (closed.get()) {
      return;
    }
    try {
      // Leaves only when the buffer holds no whole frame: bytes left in the socket make it poll ready again.
      int reads = 0;
      while (true) {
        if (partialRest != null) {
          if (reads++ == READS_PER_POLL) {
            return;
          }
          if (channel.read(partialRest) < 0) {
            throw new EOFException("the peer closed the connection");
          }
          if (partialRest.hasRemaining()) {
            return;
          }
          deliverPartial();
        }
        while (partialRest == null && takeBufferedFrame()) {
          if (closed.get()) {
            return;
          }
        }
        if (partialRest != null) {
          continue;
        }
        if (reads++ == READS_PER_POLL) {
          return;
        }
        in.compact();
        int n;
        try {
          n = channel.read(in);
        } finally {
          in.flip();
        }
        if (n < 0) {
          throw new EOFException("the peer closed the connection");
        }
        if (n == 0) {
          return;
        }
      }
    } catch (Throwable e) {
      close(closeReasonFor(e));
    }
  }

  /**
   * Takes one frame out of the buffer if its fields (or a buffer's worth of it) are there; a frame larger than
   * that is left partial, to be completed from the socket.
   *
   * @return whether a frame was taken
   */
  private boolean takeBufferedFrame() throws Wire.ProtocolException {
    if (in.remaining() < 4) {
      return false;
    }
    int length = checkedLength(in.getInt(in.position()));
    if (in.remaining() - 4 < window(length)) {
      return false;
    }
    in.position(in.position() + 4);
    if (!startFrame(length).hasRemaining()) {
      deliverPartial();
    }
    return true;
  }

  /** How much of a frame of this length is taken from the buffer before its payload goes to its own array. */
  private int window(int length) {
    return Math.min(length, in.capacity() - 4);
  }

  /**
   * Parses the fields of a frame whose first {@link #window} bytes (at least) are buffered ({@link #in} at its type
   * byte), and moves all of its payload that is buffered into the payload's own array: the frame becomes partial.
   *
   * @return where the rest of the payload goes (nothing remaining if it was all buffered)
   */
  private ByteBuffer startFrame(int length) throws Wire.ProtocolException {
    int window = window(length);
    int start = in.position();
    ByteBuffer fields = in.duplicate().limit(start + window);
    int type = fields.get() & 0xff;
    Wire.Head head = Wire.head(type, fields);
    int headerBytes = fields.position() - start;
    byte[] payload = new byte[length - headerBytes];
    // Everything buffered of the payload, which may be more than the window: the rest comes from the socket.
    int buffered = Math.min(payload.length, in.limit() - start - headerBytes);
    in.position(start + headerBytes);
    in.get(payload, 0, buffered);
    partialHead = head;
    partialPayload = payload;
    partialRest = ByteBuffer.wrap(payload, buffered, payload.length - buffered);
    return partialRest;
  }

  /** Hands the partial frame, now whole, to the receiver. */
  private void deliverPartial() throws Wire.ProtocolException {
    Wire.Head head = partialHead;
    byte[] payload = partialPayload;
    partialHead = null;
    partialPayload = null;
    partialRest = null;
    receiver.frame(head, payload);
  }

  private int checkedLength(int length) throws Wire.ProtocolException {
    if (length < 1 || length > maxFrameBytes) {
      throw new Wire.ProtocolException("a frame length of " + (length & 0xffffffffL) + " bytes (the limit is "
          + maxFrameBytes + ")");
    }
    return length;
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
    int length = checkedLength(in.getInt(in.position()));
    in.position(in.position() + 4);
    fill(window(length));
    readFully(startFrame(length)); // a frame larger than the buffer is read straight into its own array
    deliverPartial();
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
    } catch (Throwable e) {
      reason = closeReasonFor(e);
    }
    close(reason);
  }

  /** Why reading ended, logged where it is news. */
  private String closeReasonFor(Throwable e) {
    if (e instanceof EOFException) {
      return "the peer closed the connection";
    }
    if (e instanceof Wire.ProtocolException) {
      String reason = "it broke the protocol: " + e.getMessage();
      LOG.log(Level.WARNING, "ipc4j: disconnecting {0} because {1}", name, reason);
      return reason;
    }
    if (e instanceof IOException) {
      return closed.get() ? "the connection closed" : "the connection failed: " + e.getMessage();
    }
    LOG.log(Level.ERROR, "ipc4j: disconnecting " + name + " after an internal error", e);
    return "handling a frame failed: " + e;
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
          long written = channel.write(buffers);
          remaining -= written;
          if (written == 0 && remaining > 0) {
            awaitWritable();
          }
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

  /**
   * Waits until a full non-blocking socket can take more bytes (a blocking one never returns 0 from a write). A
   * peer that takes nothing for the write-stall time (30 s by default) is cut off rather than waited on forever.
   */
  private void awaitWritable() throws IOException {
    Selector selector = writeSelector;
    if (selector == null) {
      selector = Selector.open();
      try {
        channel.register(selector, SelectionKey.OP_WRITE);
      } catch (IOException | RuntimeException e) {
        selector.close();
        throw e;
      }
      writeSelector = selector;
      if (closed.get()) {
        closeWriteSelector();
        throw new IOException("the connection closed");
      }
    }
    try {
      if (selector.select(writeStallMillis) == 0 && !closed.get()) {
        throw new IOException("the peer took no bytes for " + writeStallMillis + " ms");
      }
      selector.selectedKeys().clear();
    } catch (java.nio.channels.ClosedSelectorException e) {
      throw new IOException("the connection closed");
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
    closeWriteSelector();
    EventLoop loop = pollingLoop;
    if (loop != null) {
      loop.poller().wakeUp(); // the socket is released at the loop's next poll
    }
    Receiver r = receiver;
    if (r != null) {
      r.closed(reason);
    }
  }

  private void closeWriteSelector() {
    Selector selector = writeSelector; // closing it wakes a writer waiting on it
    if (selector != null) {
      try {
        selector.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "ipc4j: closing {0}''s write selector: {1}", name, e.getMessage());
      }
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
