package io.ipc4j.internal.socket;

import io.ipc4j.IpcException;
import io.ipc4j.internal.Log;
import io.ipc4j.internal.Message;
import io.ipc4j.internal.Poller;
import io.ipc4j.internal.SocketLoop;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One socket between a renderer and the host. Frames are read either by a reader thread of its own (a renderer's
 * end, see {@link BackgroundReader}), or by an event loop that polls the socket (the host's end, see
 * {@link #startPolled}); either way the {@link FrameReader} hands each frame to a {@link Receiver}. Any thread may
 * write: the {@link OutboundQueue} combines writers. A polled socket is never waited on: what it cannot take stays
 * queued (within a budget) until its loop sees it drain, so a renderer that stops reading holds up no host thread.
 *
 * <p>On a polled socket, a frame that stops arriving part way, or bytes the peer does not take, cut the connection
 * after the stall time, checked by the loop's {@link Poller} (no timer of its own); on a renderer's end, bytes the
 * host does not take cut it after the stall time too, checked by the writer that waits for them.
 */
final class Connection {
  private static final System.Logger LOG = Log.IPC4J;

  /** What the reader does with frames, and with the end of the connection. */
  interface Receiver {
    void frame(Frames.Head head, byte[] payload) throws Frames.ProtocolException;

    void closed(String reason);
  }

  /** How long, by default, a socket may take no byte while bytes wait for it before it is cut off. */
  static final long WRITE_STALL_MILLIS = 30_000;
  /** How many bytes, by default, may wait for a polled socket. */
  static final long MAX_OUTBOUND_BYTES = 64L * 1024 * 1024;

  private final SocketChannel channel;
  private final String name;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final FrameReader reader;
  private final int maxFrameBytes;
  private final OutboundQueue outbound;
  private final long maxOutboundBytes;
  private final long writeStallMillis;
  private final AtomicBoolean interestUpdatePosted = new AtomicBoolean();
  private volatile Receiver receiver;
  private volatile String closeReason;
  private final AtomicBoolean receiverTold = new AtomicBoolean();
  /** The loop that reads this socket, when it is polled. */
  private volatile SocketLoop pollingLoop;
  /** Who reads a socket that is not polled, once started. */
  private volatile BackgroundReader backgroundReader;
  /** The stall checks of a polled socket, made when it is handed to its loop. */
  private StallChecks stalls;

  Connection(SocketChannel channel, String name, int maxFrameBytes) {
    this(channel, name, maxFrameBytes, WRITE_STALL_MILLIS);
  }

  Connection(SocketChannel channel, String name, int maxFrameBytes, long writeStallMillis) {
    this(channel, name, maxFrameBytes, writeStallMillis, MAX_OUTBOUND_BYTES);
  }

  /**
   * @param writeStallMillis how long the socket may take no byte while bytes wait for it before it is cut
   * @param maxOutboundBytes how many bytes may wait for a polled socket before it is cut
   */
  Connection(SocketChannel channel, String name, int maxFrameBytes, long writeStallMillis, long maxOutboundBytes) {
    this.channel = channel;
    this.name = name;
    this.writeStallMillis = writeStallMillis;
    this.maxOutboundBytes = maxOutboundBytes;
    this.reader = new FrameReader(channel, maxFrameBytes, closed);
    this.maxFrameBytes = maxFrameBytes;
    this.outbound = new OutboundQueue(channel, closed);
  }

  boolean isOpen() {
    return !closed.get();
  }

  /**
   * Starts reading with a reader thread (after any handshake read on the caller's thread): see {@link
   * BackgroundReader}. The socket stops blocking; a writer waits for it to drain. If the reader cannot start, the
   * connection closes. Here and in {@link #startPolled}, a receiver that comes after the close hears of it at once.
   */
  void start(Receiver receiver) {
    if (receiverCame(receiver)) {
      return;
    }
    BackgroundReader started;
    try {
      started = new BackgroundReader(this, channel, reader, receiver, closed, writeStallMillis);
      outbound.drainWith(started::awaitWritable);
      backgroundReader = started;
      started.start();
    } catch (IOException e) {
      close("the connection failed: " + e.getMessage());
      return;
    }
    if (closed.get()) {
      started.closed(); // closed as it started: its reader must not wait
    }
  }

  /**
   * Makes the socket non-blocking ahead of {@link #startPolled} (the host's end, once its peer is admitted): from
   * then on no writer waits on it. What it cannot take waits until its loop polls it.
   */
  void stopBlocking() throws IOException {
    outbound.markPolled();
    channel.configureBlocking(false);
  }

  /** Hands the socket to a loop whose {@link Poller} reads it from then on: frames reach the receiver there. */
  void startPolled(Receiver receiver, SocketLoop loop) {
    startPolled(receiver, loop, null);
  }

  /**
   * As {@link #startPolled(Receiver, SocketLoop)}, and a frame that has started but gets no byte for {@code stall}
   * cuts the connection (checked by the loop's poller when its select times out: no thread or timer of its own).
   *
   * @param stall the stall time, or null for none
   */
  void startPolled(Receiver receiver, SocketLoop loop, java.time.Duration stall) {
    if (receiverCame(receiver)) {
      return;
    }
    this.pollingLoop = loop;
    this.stalls = new StallChecks(reader, outbound, stall, writeStallMillis, closed, this::disconnect);
    reader.startClock();
    outbound.markPolled(); // before the switch: a writer that sees a partial write then knows to leave the rest queued
    try {
      channel.configureBlocking(false);
    } catch (IOException e) {
      close("the connection failed: " + e.getMessage());
      return;
    }
    loop.execute(() -> {
      try {
        loop.poller().register(channel, polledSocket);
        loop.poller().addTimed(stalls);
      } catch (IOException | RuntimeException e) {
        close(closed.get() ? "the connection closed" : "the connection failed: " + e);
        return;
      }
      if (outbound.isWaiting()) {
        awaitDrain(); // bytes written before the registration wait already
      }
      polledSocket.readable(); // bytes that came with the handshake may already be buffered
    });
  }

  /** The socket as its polling loop serves it; on that loop. */
  private final Poller.Readable polledSocket = new Poller.Readable() {
    /** Reads what the socket has and hands every whole frame to the receiver. */
    @Override
    public void readable() {
      if (closed.get()) {
        return;
      }
      try {
        reader.readAvailable(receiver);
        stalls.afterPoll(pollingLoop.poller());
      } catch (Throwable e) {
        close(reader.closeReasonFor(e, name));
      }
    }

    /** The socket can take bytes again: writes what waits. */
    @Override
    public void writable() {
      if (!closed.get()) {
        flush(false);
      }
      updateWriteInterest();
    }

    /** Writes what the loop sent it while it was busy ({@link Connection#send}). */
    @Override
    public void writeDeferred() {
      loopWrites.deferredWritten();
      if (!closed.get() && !outbound.isWaiting()) {
        flush(false);
      }
    }
  };
  /** When the polling loop writes what it sends here itself. */
  final LoopWrites loopWrites = new LoopWrites(polledSocket);

  /** Reads a renderer's handshake frame on the caller's thread, with a deadline: {@link FrameReader#readFrame}. */
  ByteBuffer readFrame(int limit, java.time.Duration within) throws IOException, Frames.ProtocolException {
    return reader.readFrame(limit, within);
  }

  /**
   * Queues a frame (header and optional payload) and writes what is queued unless another writer is at it. To a
   * blocking socket (a renderer's end) the writer writes everything, waiting as the socket requires. To a polled
   * socket (the host's end) it writes only what the socket takes at once and never waits: the rest stays queued
   * and the polling loop writes it as the socket drains, or, while bytes already wait, the frame just joins them.
   * A frame the polling loop sends in a burst waits for its next write ({@link LoopWrites}).
   * A renderer whose queue would pass its budget is disconnected; a frame is always accepted into an empty queue.
   * A payload {@code asIs} is the sender's own array: written, or copied where the socket did not take it, by return.
   */
  void send(ByteBuffer header, byte[] payload, boolean asIs) {
    if (closed.get()) {
      return; // dropped, as for a renderer that is gone
    }
    int size = header.remaining() + (payload == null ? 0 : payload.length);
    if (size - 4 > maxFrameBytes) { // the peer would disconnect: this message fails instead, and nothing is sent
      throw new IpcException(String.format(Locale.ROOT, "A message of %,d bytes is larger than a frame may be (%,d "
          + "bytes, IpcHost.Builder.maxFrameBytes); nothing was sent. Send large data in parts (a stream, or several "
          + "messages), or raise the limit", size - 4L, maxFrameBytes));
    }
    long before = outbound.reserve(size);
    if (outbound.isPolled() && before > 0 && before + size > maxOutboundBytes) {
      outbound.release(size);
      disconnect(String.format(Locale.ROOT, "it did not read: %,d bytes were waiting for it and %,d more would "
          + "pass the limit of %,d (IpcHost.Builder.maxOutboundBytes)", before, size, maxOutboundBytes));
      return;
    }
    outbound.add(header, payload, asIs);
    if (outbound.isWaiting() && !asIs) {
      return; // the socket is full: the loop writes this frame with the others once it drains (see writable)
    }
    SocketLoop loop = pollingLoop;
    if (asIs || loop == null || !loop.inLoop() || loopWrites.writeNow(loop.poller())) {
      flush(asIs);
    }
  }

  void send(Message message) {
    send(Frames.header(message), Frames.payload(message), message instanceof Message.WithPayload m && m.asIs());
  }

  /** Writes what is queued (see OutboundQueue#write); bytes a polled socket cannot take wait for {@link #writable}. */
  private void flush(boolean settle) {
    boolean left;
    try {
      left = outbound.write(settle);
    } catch (IOException e) {
      close(closed.get() ? "the connection closed" : "writing failed: " + e.getMessage());
      return;
    }
    if (left) {
      awaitDrain();
    }
  }

  /** Bytes wait for a polled socket: {@link #updateWriteInterest} on its loop, the only thread that may. */
  private void awaitDrain() {
    SocketLoop loop = pollingLoop;
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

  /** See {@link StallChecks#updateWriteInterest}; on the polling loop. */
  private void updateWriteInterest() {
    stalls.updateWriteInterest(pollingLoop.poller(), channel);
  }

  /**
   * Writes what is queued, the frames the polling loop held back for a burst included, as far as the socket takes
   * them now, then closes: a peer that is let go in good order gets what was sent to it before.
   */
  void closeAfterWrites(String reason) {
    if (!closed.get()) {
      flush(false);
    }
    close(reason);
  }

  /** Cuts off a peer that broke a limit, saying so in the log. */
  private void disconnect(String reason) {
    if (closed.get()) {
      return;
    }
    LOG.log(Level.WARNING, "ipc4j: disconnecting {0} because {1}", name, reason);
    close(reason);
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
    outbound.dropQueued();
    SocketLoop loop = pollingLoop;
    if (loop != null) {
      loop.poller().wakeUp(); // the socket is released at the loop's next poll
    }
    BackgroundReader s = backgroundReader;
    if (s != null) {
      s.closed(); // and here once no thread waits on it
    }
    tellReceiver();
  }

  /** Sets the receiver; true if the connection closed first (a handshake reply failed, say): it is told now. */
  private boolean receiverCame(Receiver r) {
    receiver = r;
    if (!closed.get()) {
      return false;
    }
    tellReceiver();
    return true;
  }

  /** Tells the receiver why the connection closed, once, whichever came first; a close under way tells it itself. */
  private void tellReceiver() {
    Receiver r = receiver;
    if (r != null && closeReason != null && receiverTold.compareAndSet(false, true)) {
      r.closed(closeReason);
    }
  }

  /** Bytes sent and not yet written to the socket. */
  long outboundBytes() {
    return outbound.bytes();
  }

  String closeReason() {
    return closeReason;
  }

  @Override
  public String toString() {
    return name;
  }
}
