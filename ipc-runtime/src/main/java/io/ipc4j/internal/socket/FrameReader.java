package io.ipc4j.internal.socket;

import io.ipc4j.internal.Log;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The read side of a {@link Connection}: it assembles frames from the socket's bytes and hands each whole one to a
 * {@link Connection.Receiver}, on the host's polling loop or on a renderer's background reader thread
 * ({@link BackgroundReader}); either way it reads what the socket has now, never blocking.
 *
 * <p>Nothing a peer claims is allocated ahead of its bytes (see {@link PayloadAssembly}).
 */
final class FrameReader {
  private static final System.Logger LOG = Log.IPC4J;
  /** How many reads a poll of this socket may make before the loop moves on to other work. */
  private static final int READS_PER_POLL = 16;

  private final SocketChannel channel;
  private final int maxFrameBytes;
  /** Whether the connection has closed: a poll stops between frames then. */
  private final AtomicBoolean closed;
  /** Bytes read but not yet taken, between position and limit. */
  private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();
  /** The fields of the frame being read, and its payload so far. */
  private Frames.Head partialHead;
  private final PayloadAssembly payload = new PayloadAssembly();
  /** When bytes last came from a polled socket, for the stall check (nanoTime). */
  private long lastByteNanos;

  FrameReader(SocketChannel channel, int maxFrameBytes, AtomicBoolean closed) {
    this.channel = channel;
    this.maxFrameBytes = maxFrameBytes;
    this.closed = closed;
  }

  /** When bytes last came from a polled socket ({@code nanoTime}). */
  long lastByteNanos() {
    return lastByteNanos;
  }

  /** Starts the stall clock: the socket is polled from now on. */
  void startClock() {
    lastByteNanos = System.nanoTime();
  }

  /** Whether part of a frame has arrived and the rest has not. */
  boolean frameInProgress() {
    return payload.inProgress() || in.hasRemaining();
  }

  /**
   * Reads what the non-blocking socket has and hands every whole frame to the receiver; on the host's polling loop or
   * on a renderer's background reader, each of which waits in a {@code select} until the socket is ready. A frame's
   * fields are parsed once all of them (or a buffer's worth) are here; a payload larger than the buffer then goes
   * straight from the socket into its own array, however many polls that takes. A read that fills less than the room
   * it was given has emptied the socket, so once its frames are handed on the reader leaves without reading again: a
   * message a wake-up costs one read, not a second one that finds nothing (the poll, which is level-triggered, is
   * ready again at once if bytes came meanwhile).
   */
  void readAvailable(Connection.Receiver receiver) throws IOException, Frames.ProtocolException {
    // Leaves only when the buffer holds no whole frame: bytes left in the socket make it poll ready again.
    int reads = 0;
    boolean emptied = false;
    while (true) {
      if (payload.inProgress()) {
        if (reads++ == READS_PER_POLL) {
          return;
        }
        int n = channel.read(payload.rest());
        if (n < 0) {
          throw new EOFException("the peer closed the connection");
        }
        if (n > 0) {
          lastByteNanos = System.nanoTime();
        }
        if (payload.rest().hasRemaining()) {
          return;
        }
        if (!payload.whole()) {
          continue; // its array grew: read on
        }
        deliverPartial(receiver);
      }
      while (!payload.inProgress() && takeBufferedFrame(receiver)) {
        if (closed.get()) {
          return;
        }
      }
      if (emptied) {
        return;
      }
      if (payload.inProgress()) {
        continue;
      }
      if (reads++ == READS_PER_POLL) {
        return;
      }
      int room = in.capacity() - in.remaining();
      int n = readIntoBuffer();
      if (n == 0) {
        return;
      }
      emptied = n < room;
      lastByteNanos = System.nanoTime();
    }
  }

  /**
   * Takes one frame out of the buffer if its fields (or a buffer's worth of it) are there; a frame larger than
   * that is left partial, to be completed from the socket.
   *
   * @return whether a frame was taken
   */
  private boolean takeBufferedFrame(Connection.Receiver receiver) throws Frames.ProtocolException {
    if (in.remaining() < 4) {
      return false;
    }
    int length = checkedLength(in.getInt(in.position()));
    if (in.remaining() - 4 < window(length)) {
      return false;
    }
    in.position(in.position() + 4);
    if (!startFrame(length).hasRemaining() && payload.whole()) {
      deliverPartial(receiver);
    }
    return true;
  }

  /** How much of a frame of this length is taken from the buffer before its payload goes to its own array. */
  private int window(int length) {
    return Math.min(length, in.capacity() - 4);
  }

  /**
   * Parses the fields of a frame whose first {@link #window} bytes (at least) are buffered ({@link #in} at its type
   * byte), and moves all of its payload that is buffered into the payload's assembly: the frame becomes partial.
   *
   * @return where the next payload bytes go (nothing remaining once it is whole: see {@link PayloadAssembly#whole})
   */
  private ByteBuffer startFrame(int length) throws Frames.ProtocolException {
    int window = window(length);
    int start = in.position();
    ByteBuffer fields = in.duplicate().limit(start + window);
    int type = fields.get() & 0xff;
    Frames.Head head = Frames.head(type, fields);
    int headerBytes = fields.position() - start;
    int payloadLength = length - headerBytes;
    // Everything buffered of the payload, which may be more than the window: the rest comes from the socket.
    int buffered = Math.min(payloadLength, in.limit() - start - headerBytes);
    partialHead = head;
    in.position(start + headerBytes);
    return payload.start(payloadLength, in, buffered);
  }

  /** Hands the partial frame, now whole, to the receiver. */
  private void deliverPartial(Connection.Receiver receiver) throws Frames.ProtocolException {
    Frames.Head head = partialHead;
    partialHead = null;
    receiver.frame(head, payload.take());
  }

  private int checkedLength(int length) throws Frames.ProtocolException {
    if (length < 1 || length > maxFrameBytes) {
      throw new Frames.ProtocolException("a frame length of " + (length & 0xffffffffL) + " bytes (the limit is "
          + maxFrameBytes + ")");
    }
    return length;
  }

  /**
   * Reads one small frame on the caller's thread (a renderer's handshake), refusing anything longer than {@code
   * limit}, and waiting at most {@code within}: a timed select, so the wait needs no timer thread. The socket is
   * blocking again afterwards, for the reader thread.
   *
   * @param limit at most the buffer's size less 4
   * @return the frame's body, positioned at the type byte
   * @throws java.net.SocketTimeoutException if the frame did not arrive in time
   */
  ByteBuffer readFrame(int limit, java.time.Duration within) throws IOException, Frames.ProtocolException {
    long deadline = System.nanoTime() + within.toNanos();
    channel.configureBlocking(false);
    try {
      try (Selector selector = Selector.open()) {
        channel.register(selector, SelectionKey.OP_READ);
        fillBy(4, selector, deadline, within);
        int length = in.getInt(in.position());
        if (length < 1 || length > limit) {
          throw new Frames.ProtocolException("a frame length of " + (length & 0xffffffffL) + " bytes (the limit is "
              + limit + ")");
        }
        fillBy(4 + length, selector, deadline, within);
        byte[] body = new byte[length];
        in.position(in.position() + 4);
        in.get(body);
        return ByteBuffer.wrap(body);
      }
    } finally {
      if (channel.isOpen()) {
        channel.configureBlocking(true); // the selector is closed: the socket is registered nowhere
      }
    }
  }

  /** As {@link #fill}, on a non-blocking socket registered with {@code selector}, giving up at the deadline. */
  private void fillBy(int n, Selector selector, long deadline, java.time.Duration within) throws IOException {
    while (in.remaining() < n) {
      if (readIntoBuffer() == 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new java.net.SocketTimeoutException("nothing within " + within.toMillis() + " ms");
        }
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
        selector.selectedKeys().clear();
      }
    }
  }

  /**
   * One read from the socket into what {@link #in} has free, which then holds the bytes read after those it had.
   *
   * @return how many bytes came (0 only from a non-blocking socket)
   * @throws EOFException if the peer closed the connection
   */
  private int readIntoBuffer() throws IOException {
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
    return n;
  }

  /** Why reading ended, for the connection named {@code name}: logged where it is news. */
  String closeReasonFor(Throwable e, String name) {
    if (e instanceof EOFException) {
      return "the peer closed the connection";
    }
    if (e instanceof Frames.ProtocolException) {
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
}
