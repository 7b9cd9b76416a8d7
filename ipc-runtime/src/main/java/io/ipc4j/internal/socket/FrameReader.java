package io.ipc4j.internal.socket;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The read side of a {@link Connection}: it assembles frames from the socket's bytes and hands each whole one to a
 * {@link Connection.Receiver}, on a reader thread (blocking reads) or on a polling loop (what the socket has now).
 *
 * <p>Nothing a peer claims is allocated ahead of its bytes: a payload's array grows as they arrive (see
 * {@link #capacityFor}).
 */
final class FrameReader {
  /** How many reads a poll of this socket may make before the loop moves on to other work. */
  private static final int READS_PER_POLL = 16;
  /** The smallest array a payload that has not all arrived gets (a smaller payload's array is its exact size). */
  static final int MIN_PAYLOAD_CHUNK = 64 * 1024;
  /** How many times what has arrived a payload's array may hold (see {@link #capacityFor}). */
  private static final int GROWTH = 4;

  private final SocketChannel channel;
  private final int maxFrameBytes;
  /** Whether the connection has closed: a poll stops between frames then. */
  private final AtomicBoolean closed;
  /** Bytes read but not yet taken, between position and limit. */
  private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();
  /**
   * The frame being read: its fields, its payload so far, its payload's whole length, and where the next bytes go.
   * The payload's array grows as bytes arrive (see {@link #capacityFor}), never ahead of them.
   */
  private Frames.Head partialHead;
  private byte[] partialPayload;
  private int partialLength;
  private ByteBuffer partialRest;
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
    return partialRest != null || in.hasRemaining();
  }

  /**
   * Reads what a polled socket has and hands every whole frame to the receiver; on the polling loop. A frame's
   * fields are parsed once all of them (or a buffer's worth) are here; a payload larger than the buffer then goes
   * straight from the socket into its own array, however many polls that takes.
   */
  void readPolled(Connection.Receiver receiver) throws IOException, Frames.ProtocolException {
    // Leaves only when the buffer holds no whole frame: bytes left in the socket make it poll ready again.
    int reads = 0;
    while (true) {
      if (partialRest != null) {
        if (reads++ == READS_PER_POLL) {
          return;
        }
        int n = channel.read(partialRest);
        if (n < 0) {
          throw new EOFException("the peer closed the connection");
        }
        if (n > 0) {
          lastByteNanos = System.nanoTime();
        }
        if (partialRest.hasRemaining()) {
          return;
        }
        if (!payloadWhole()) {
          continue; // its array grew: read on
        }
        deliverPartial(receiver);
      }
      while (partialRest == null && takeBufferedFrame(receiver)) {
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
      if (readIntoBuffer() == 0) {
        return;
      }
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
    if (!startFrame(length).hasRemaining() && payloadWhole()) {
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
   * byte), and moves all of its payload that is buffered into the payload's own array: the frame becomes partial.
   * The array holds what is buffered and room to grow (see {@link #capacityFor}), not what the length claims.
   *
   * @return where the next payload bytes go (nothing remaining if the array is full: see {@link #payloadWhole})
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
    byte[] payload = new byte[capacityFor(payloadLength, buffered)];
    in.position(start + headerBytes);
    in.get(payload, 0, buffered);
    partialHead = head;
    partialPayload = payload;
    partialLength = payloadLength;
    partialRest = ByteBuffer.wrap(payload, buffered, payload.length - buffered);
    return partialRest;
  }

  /**
   * How large a payload's array is once {@code received} of its {@code length} bytes are here: four times what
   * arrived (or {@link #MIN_PAYLOAD_CHUNK}), or the whole length when that is at most a quarter more, so a length
   * that is claimed but not sent costs at most five times what came. Growing by four keeps the bytes copied under
   * half the payload's size (a 3 MiB payload: 1.3 MiB copied, where doubling copied 4 MiB and cost a large call a
   * fifth of its time), the quarter spares a payload just over a step (256 KiB and its header) a last copy, and the
   * last array is exactly the payload's size.
   */
  static int capacityFor(int length, int received) {
    long step = Math.max(MIN_PAYLOAD_CHUNK, GROWTH * (long) received);
    return step + step / 4 >= length ? length : (int) step;
  }

  /**
   * Whether the partial frame's payload has all arrived, once its array is full; if it has not, grows the array
   * (see {@link #capacityFor}) and points {@link #partialRest} at the new room.
   */
  private boolean payloadWhole() {
    int received = partialRest.position();
    if (received == partialLength) {
      return true;
    }
    byte[] grown = Arrays.copyOf(partialPayload, capacityFor(partialLength, received));
    partialPayload = grown;
    partialRest = ByteBuffer.wrap(grown, received, grown.length - received);
    return false;
  }

  /** Hands the partial frame, now whole, to the receiver. */
  private void deliverPartial(Connection.Receiver receiver) throws Frames.ProtocolException {
    Frames.Head head = partialHead;
    byte[] payload = partialPayload;
    partialHead = null;
    partialPayload = null;
    partialLength = 0;
    partialRest = null;
    receiver.frame(head, payload);
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
   * Reads one frame after the handshake: its fields from the buffer, its payload into an array of its own (for a
   * frame larger than the buffer, straight from the socket), so no payload is copied twice.
   */
  void readMessageFrame(Connection.Receiver receiver) throws IOException, Frames.ProtocolException {
    fill(4);
    int length = checkedLength(in.getInt(in.position()));
    in.position(in.position() + 4);
    fill(window(length));
    // A frame larger than the buffer is read straight into its own array, which grows as its bytes come.
    readFully(startFrame(length));
    while (!payloadWhole()) {
      readFully(partialRest);
    }
    deliverPartial(receiver);
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

  private void readFully(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException("the peer closed the connection");
      }
    }
  }
}
