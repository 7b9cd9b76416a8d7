package io.ipc4j.internal;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One socket between a renderer and the host. Frames are read either by a reader thread of its own (a renderer's
 * end) or by an event loop that polls the socket (the host's end, see {@link #startPolled}); either way each frame
 * goes to a {@link Receiver}. Any thread may write. Writers combine: whoever holds the write lock sends every frame
 * queued so far in one gathering write, so small messages that queue up go out together and no thread is made per
 * message. A polled socket is never waited on: what it cannot take stays queued (within a budget) until its loop
 * sees it drain, so a renderer that stops reading holds up no thread of the host's.
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
  /** How long, by default, a polled socket may take no byte while bytes wait for it before it is cut off. */
  static final long WRITE_STALL_MILLIS = 30_000;
  /** How many bytes, by default, may wait for a polled socket. */
  static final long MAX_OUTBOUND_BYTES = 64L * 1024 * 1024;
  /** The most bytes one write to a polled socket is offered (a full Unix socket buffer is about 200 KiB). */
  private static final long WRITE_WINDOW = 256 * 1024;
  /** The most buffers one gathering write is given (the usual IOV_MAX: the JDK would cut there anyway). */
  private static final int MAX_GATHER = 1024;
  /** Frames sent and not yet taken by a writer, each its header and payload. */
  private final ConcurrentLinkedQueue<ByteBuffer[]> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Buffers taken from the queue and not yet written, oldest first; under the write lock. */
  private final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();
  /** What one gathering write is given; under the write lock. */
  private ByteBuffer[] gather = new ByteBuffer[16];
  /** Bytes sent and not yet written: the queue's and the outbox's. */
  private final AtomicLong outboundBytes = new AtomicLong();
  private final long maxOutboundBytes;
  /** Whether the socket is non-blocking and read by a loop (it never changes back). */
  private volatile boolean polled;
  /** Whether the last write to the polled socket left bytes it could not take; set under the write lock. */
  private volatile boolean waiting;
  /** When the polled socket last took a byte while bytes waited (or when they started to). */
  private volatile long waitingSince;
  /** Whether the loop is asked to call {@link #writable()}; on the loop. */
  private boolean writeInterest;
  private final AtomicBoolean interestUpdatePosted = new AtomicBoolean();
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
  /** How many times what has arrived a payload's array may hold (see {@link #capacityFor}). */
  private static final int GROWTH = 4;
  /** When bytes last came from a polled socket, for the stall check (nanoTime). */
  private long lastByteNanos;
  /** How long a started frame may get no byte before the connection is cut (polled sockets only). */
  private long readStallNanos = Long.MAX_VALUE;
  /** Whether the loop's poller will check this connection for a stall. */
  private boolean stallWatched;
  private final long writeStallMillis;

  Connection(SocketChannel channel, String name, int maxFrameBytes) {
    this(channel, name, maxFrameBytes, WRITE_STALL_MILLIS);
  }

  Connection(SocketChannel channel, String name, int maxFrameBytes, long writeStallMillis) {
    this(channel, name, maxFrameBytes, writeStallMillis, MAX_OUTBOUND_BYTES);
  }

  /**
   * @param writeStallMillis how long a polled socket may take no byte while bytes wait for it before it is cut
   * @param maxOutboundBytes how many bytes may wait for a polled socket before it is cut
   */
  Connection(SocketChannel channel, String name, int maxFrameBytes, long writeStallMillis, long maxOutboundBytes) {
    this.channel = channel;
    this.name = name;
    this.maxFrameBytes = maxFrameBytes;
    this.writeStallMillis = writeStallMillis;
    this.maxOutboundBytes = maxOutboundBytes;
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
   * Makes the socket non-blocking ahead of {@link #startPolled} (the host's end, once its peer is admitted): from
   * then on no writer waits on it. What it cannot take waits until its loop polls it.
   */
  void stopBlocking() throws IOException {
    polled = true;
    channel.configureBlocking(false);
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
    polled = true; // before the switch: a writer that sees a partial write then knows to leave the rest queued
    try {
      channel.configureBlocking(false);
    } catch (IOException e) {
      close("the connection failed: " + e.getMessage());
      return;
    }
    loop.execute(() -> {
      try {
        loop.poller().register(channel, new Poller.Readable() {
          @Override
          public void readable() {
            Connection.this.readable();
          }

          @Override
          public void writable() {
            Connection.this.writable();
          }
        });
        loop.poller().addTimed(this::checkStalls);
      } catch (IOException | RuntimeException e) {
        close(closed.get() ? "the connection closed" : "the connection failed: " + e);
        return;
      }
      if (waiting) {
        awaitDrain(); // bytes written before the registration wait already
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
   * The poller's check of both stalls, so that no timer of its own is needed; on the loop. It cuts a connection
   * whose started frame got no byte for the read stall time, or whose socket took no byte for the write stall time
   * while bytes waited for it.
   *
   * @return when to check again, {@link Poller#NOT_DUE} while neither can stall, or {@link Poller#DROP} once closed
   */
  private long checkStalls(long now) {
    if (closed.get()) {
      return Poller.DROP;
    }
    long next = Poller.NOT_DUE;
    if (readStallNanos != Long.MAX_VALUE && frameInProgress()) {
      long deadline = lastByteNanos + readStallNanos;
      if (now - deadline >= 0) {
        disconnect("it stalled: a frame stopped arriving (no byte for "
            + TimeUnit.NANOSECONDS.toMillis(readStallNanos) + " ms, the stall time)");
        return Poller.DROP;
      }
      next = deadline;
    } else {
      stallWatched = false;
    }
    if (waiting) {
      long deadline = waitingSince + TimeUnit.MILLISECONDS.toNanos(writeStallMillis);
      if (now - deadline >= 0) {
        disconnect(String.format(Locale.ROOT, "it did not read: it took no byte for the stall time of %,d ms while "
            + "%,d bytes were waiting for it (IpcHost.Builder.stallTime)", writeStallMillis, outboundBytes.get()));
        return Poller.DROP;
      }
      next = Poller.earlier(next, deadline);
    }
    return next;
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

  /**
   * Queues a frame (header and optional payload) and writes what is queued unless another writer is at it. To a
   * blocking socket (a renderer's end) the writer writes everything, waiting as the socket requires. To a polled
   * socket (the host's end) it writes only what the socket takes at once and never waits: the rest stays queued
   * and the polling loop writes it as the socket drains, or, while bytes already wait, the frame just joins them.
   * A renderer whose queue would pass its budget is disconnected; a frame is always accepted into an empty queue.
   */
  void send(ByteBuffer header, byte[] payload) {
    if (closed.get()) {
      return; // dropped, as for a renderer that is gone
    }
    int size = header.remaining() + (payload == null ? 0 : payload.length);
    long before = outboundBytes.getAndAdd(size);
    if (polled && before > 0 && before + size > maxOutboundBytes) {
      outboundBytes.getAndAdd(-size);
      disconnect(String.format(Locale.ROOT, "it did not read: %,d bytes were waiting for it and %,d more would "
          + "pass the limit of %,d (IpcHost.Builder.maxOutboundBytes)", before, size, maxOutboundBytes));
      return;
    }
    queue.offer(payload == null || payload.length == 0
        ? new ByteBuffer[] {header}
        : new ByteBuffer[] {header, ByteBuffer.wrap(payload)});
    if (!waiting) {
      flush();
    } // else the socket is full: the loop writes this frame with the others once it drains (see writable)
  }

  void send(Message message) {
    send(Wire.header(message), Wire.payload(message));
  }

  /**
   * Writes what is queued unless another writer holds the lock (it then writes these frames too: a writer looks
   * again after letting go). Bytes a polled socket cannot take now wait for the loop's {@link #writable()}.
   */
  private void flush() {
    while (writeLock.tryLock()) {
      boolean left;
      try {
        left = writeNow();
      } catch (IOException e) {
        dropQueued();
        close(closed.get() ? "the connection closed" : "writing failed: " + e.getMessage());
        return;
      } finally {
        writeLock.unlock();
      }
      if (left) {
        awaitDrain();
        return;
      }
      if (queue.isEmpty()) {
        return; // checked after letting go: a frame queued while the lock was held is sent by its holder
      }
    }
  }

  /**
   * Moves the queue into the outbox and writes it: all of it to a blocking socket; to a polled one what it takes
   * now, in gathering writes of at most {@link #WRITE_WINDOW} bytes (the JDK copies each heap buffer it is given
   * into native memory before writing, so a socket that takes little must not be offered much). Under the lock.
   *
   * @return whether bytes are left for a polled socket to take later
   */
  private boolean writeNow() throws IOException {
    if (closed.get()) {
      dropQueued();
      return false;
    }
    boolean progressed = false;
    while (true) {
      ByteBuffer[] frame;
      while ((frame = queue.poll()) != null) {
        for (ByteBuffer part : frame) {
          outbox.addLast(part);
        }
      }
      if (outbox.isEmpty()) {
        if (waiting) {
          waiting = false;
        }
        return false;
      }
      boolean nonBlocking = polled;
      long window = nonBlocking ? WRITE_WINDOW : Long.MAX_VALUE;
      int n = 0;
      long offered = 0;
      ByteBuffer whole = null;
      ByteBuffer cut = null;
      for (ByteBuffer b : outbox) {
        if (n == MAX_GATHER || offered >= window) {
          break;
        }
        if (n == gather.length) {
          gather = Arrays.copyOf(gather, n * 2);
        }
        int remaining = b.remaining();
        if (remaining > window - offered) { // only the window's worth of a large buffer
          whole = b;
          cut = b.duplicate();
          cut.limit(cut.position() + (int) (window - offered));
          gather[n++] = cut;
          offered = window;
          break;
        }
        gather[n++] = b;
        offered += remaining;
      }
      long written;
      try {
        written = channel.write(gather, 0, n);
      } finally {
        if (cut != null) {
          whole.position(cut.position());
        }
        Arrays.fill(gather, 0, n, null); // written payloads are not kept alive here
      }
      if (written > 0) {
        outboundBytes.getAndAdd(-written);
        progressed = true;
      }
      while (!outbox.isEmpty() && !outbox.peekFirst().hasRemaining()) {
        outbox.pollFirst();
      }
      if (written < offered && nonBlocking) {
        if (progressed || !waiting) {
          waitingSince = System.nanoTime(); // the stall time counts from the last byte the socket took
          waiting = true;
        }
        return true;
      }
    }
  }

  /**
   * Bytes wait for a polled socket: asks its loop to call {@link #writable()} when it drains, and to check that it
   * does within the stall time. Interest in a socket changes on its loop only.
   */
  private void awaitDrain() {
    EventLoop loop = pollingLoop;
    if (loop == null) {
      return; // not polled yet: startPolled asks once the socket is registered
    }
    if (loop.inLoop()) {
      updateWriteInterest();
    } else if (interestUpdatePosted.compareAndSet(false, true)) {
      loop.execute(() -> {
        interestUpdatePosted.set(false);
        updateWriteInterest();
      });
    }
  }

  /**
   * Asks the loop for {@link #writable()} calls exactly while the last write left bytes, and for a stall check by
   * when they must have drained; on the polling loop. (A writer that is still at it says so when it is done, if it
   * leaves any.)
   */
  private void updateWriteInterest() {
    boolean want = waiting && !closed.get();
    if (want != writeInterest && pollingLoop.poller().wantWritable(channel, want)) {
      writeInterest = want;
    }
    if (want) {
      pollingLoop.poller().checkBy(waitingSince + TimeUnit.MILLISECONDS.toNanos(writeStallMillis));
    }
  }

  /** The polled socket can take bytes again: writes what waits; on the polling loop. */
  private void writable() {
    if (!closed.get()) {
      flush();
    }
    updateWriteInterest();
  }

  /** Cuts off a peer that broke a limit, saying so in the log. */
  private void disconnect(String reason) {
    if (closed.get()) {
      return;
    }
    LOG.log(Level.WARNING, "ipc4j: disconnecting {0} because {1}", name, reason);
    close(reason);
  }

  /** Lets go of every frame not yet written (the connection is closed or failed). */
  private void dropQueued() {
    queue.clear();
    if (writeLock.tryLock()) { // else its holder drops the outbox when its write fails
      try {
        outbox.clear();
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
    dropQueued();
    EventLoop loop = pollingLoop;
    if (loop != null) {
      loop.poller().wakeUp(); // the socket is released at the loop's next poll
    }
    Receiver r = receiver;
    if (r != null) {
      r.closed(reason);
    }
  }

  /** Bytes sent and not yet written to the socket. */
  long outboundBytes() {
    return outboundBytes.get();
  }

  String closeReason() {
    return closeReason;
  }

  @Override
  public String toString() {
    return name;
  }
}
