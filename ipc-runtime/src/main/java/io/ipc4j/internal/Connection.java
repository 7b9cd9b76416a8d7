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
 *
 * <p>Nothing a peer claims is allocated ahead of its bytes: a payload's array grows as they arrive. On a polled
 * socket, a frame that stops arriving part way is cut off after the stall time, checked by the loop's
 * {@link Poller} (no timer of its own).
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
  /**
   * The frame being read: its fields, its payload so far, its payload's whole length, and where the next bytes go.
   * The payload's array grows as bytes arrive (see {@link #capacityFor}), never ahead of them.
   */
  private Wire.Head partialHead;
  private byte[] partialPayload;
  private int partialLength;
  private ByteBuffer partialRest;
  /** The smallest array a payload that has not all arrived gets (a smaller payload's array is its exact size). */
  static final int MIN_PAYLOAD_CHUNK = 64 * 1024;
  /** When bytes last came from a polled socket, for the stall check (nanoTime). */
  private long lastByteNanos;
  /** How long a started frame may get no byte before the connection is cut (polled sockets only). */
  private long readStallNanos = Long.MAX_VALUE;
  /** Whether the loop's poller will check this connection for a stall. */
  private boolean stallWatched;
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
    startPolled(receiver, loop, null);
  }

  /**
   * As {@link #startPolled(Receiver, EventLoop)}, and a frame that has started but gets no byte for {@code stall}
   * cuts the connection (checked by the loop's poller when its select times out: no thread or timer of its own).
   *
   * @param stall the stall time, or null for none
   */
  void startPolled(Receiver receiver, EventLoop loop, java.time.Duration stall) {
    this.receiver = receiver;
    this.pollingLoop = loop;
    // Longer than a year is as good as never (and keeps deadlines from overflowing).
    this.readStallNanos = stall == null || stall.toDays() > 365 ? Long.MAX_VALUE : stall.toNanos();
    this.lastByteNanos = System.nanoTime();
    try {
      channel.configureBlocking(false);
    } catch (IOException e) {
      close("the connection failed: " + e.getMessage());
      return;
    }
    loop.execute(() -> {
      try {
        loop.poller().register(channel, this::readable);
        if (readStallNanos != Long.MAX_VALUE) {
          loop.poller().addTimed(this::checkStall);
        }
      } catch (IOException | RuntimeException e) {
        close(closed.get() ? "the connection closed" : "the connection failed: " + e);
        return;
      }
      readable(); // bytes that came with the handshake may already be buffered
    });
  }

  /** Whether part of a frame has arrived and the rest has not. */
  private boolean frameInProgress() {
    return partialRest != null || in.hasRemaining();
  }

  /** After a poll: a frame left part way starts the stall clock, which the poller then checks. */
  private void watchForStall() {
    if (!stallWatched && readStallNanos != Long.MAX_VALUE && frameInProgress() && !closed.get()) {
      stallWatched = true;
      pollingLoop.poller().checkBy(lastByteNanos + readStallNanos);
    }
  }

  /**
   * The poller's check: cuts a connection whose started frame got no byte for the stall time; on the loop.
   *
   * @return when to check again, {@link Poller#NOT_DUE} until a frame starts, or {@link Poller#DROP} once closed
   */
  private long checkStall(long now) {
    if (closed.get()) {
      return Poller.DROP;
    }
    if (!frameInProgress()) {
      stallWatched = false;
      return Poller.NOT_DUE;
    }
    long deadline = lastByteNanos + readStallNanos;
    if (now - deadline < 0) {
      return deadline;
    }
    String reason = "it stalled: a frame stopped arriving (no byte for "
        + java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(readStallNanos) + " ms, the stall time)";
    LOG.log(Level.WARNING, "ipc4j: disconnecting {0} because {1}", name, reason);
    close(reason);
    return Poller.DROP;
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
      readPolled();
      watchForStall();
    } catch (Throwable e) {
      close(closeReasonFor(e));
    }
  }

  private void readPolled() throws IOException, Wire.ProtocolException {
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
      lastByteNanos = System.nanoTime();
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
    if (!startFrame(length).hasRemaining() && payloadWhole()) {
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
   * The array holds what is buffered and room to grow (see {@link #capacityFor}), not what the length claims.
   *
   * @return where the next payload bytes go (nothing remaining if the array is full: see {@link #payloadWhole})
   */
  private ByteBuffer startFrame(int length) throws Wire.ProtocolException {
    int window = window(length);
    int start = in.position();
    ByteBuffer fields = in.duplicate().limit(start + window);
    int type = fields.get() & 0xff;
    Wire.Head head = Wire.head(type, fields);
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
   * How large a payload's array is once {@code received} of its {@code length} bytes are here: at most twice what
   * arrived (or {@link #MIN_PAYLOAD_CHUNK}), so a length that is claimed but not sent costs nothing; growing by
   * doubling keeps the bytes copied under the payload's size, and the last array is exactly the payload's size.
   */
  static int capacityFor(int length, int received) {
    return (int) Math.min(length, Math.max(MIN_PAYLOAD_CHUNK, 2L * received));
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
    byte[] grown = java.util.Arrays.copyOf(partialPayload, capacityFor(partialLength, received));
    partialPayload = grown;
    partialRest = ByteBuffer.wrap(grown, received, grown.length - received);
    return false;
  }

  /** Hands the partial frame, now whole, to the receiver. */
  private void deliverPartial() throws Wire.ProtocolException {
    Wire.Head head = partialHead;
    byte[] payload = partialPayload;
    partialHead = null;
    partialPayload = null;
    partialLength = 0;
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
   * Reads one small frame on the caller's thread (a renderer's handshake), refusing anything longer than {@code
   * limit}, and waiting at most {@code within}: a timed select, so the wait needs no timer thread. The socket is
   * blocking again afterwards, for the reader thread.
   *
   * @param limit at most the buffer's size less 4
   * @return the frame's body, positioned at the type byte
   * @throws java.net.SocketTimeoutException if the frame did not arrive in time
   */
  ByteBuffer readFrame(int limit, java.time.Duration within) throws IOException, Wire.ProtocolException {
    long deadline = System.nanoTime() + within.toNanos();
    channel.configureBlocking(false);
    try {
      try (Selector selector = Selector.open()) {
        channel.register(selector, SelectionKey.OP_READ);
        fillBy(4, selector, deadline, within);
        int length = in.getInt(in.position());
        if (length < 1 || length > limit) {
          throw new Wire.ProtocolException("a frame length of " + (length & 0xffffffffL) + " bytes (the limit is "
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
      in.compact();
      int read;
      try {
        read = channel.read(in);
      } finally {
        in.flip();
      }
      if (read < 0) {
        throw new EOFException("the peer closed the connection");
      }
      if (read == 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new java.net.SocketTimeoutException("nothing within " + within.toMillis() + " ms");
        }
        selector.select(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
        selector.selectedKeys().clear();
      }
    }
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
    // A frame larger than the buffer is read straight into its own array, which grows as its bytes come.
    readFully(startFrame(length));
    while (!payloadWhole()) {
      readFully(partialRest);
    }
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
