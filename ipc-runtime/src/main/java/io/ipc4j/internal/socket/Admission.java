package io.ipc4j.internal.socket;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcException;
import io.ipc4j.internal.HostPort;
import io.ipc4j.internal.Log;
import io.ipc4j.internal.SocketLoop;
import io.ipc4j.internal.Throttled;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Admission: the tickets of the renderers the host expects, and one thread, {@code ipc4j-accept}, that accepts and
 * runs every handshake with one selector. A connection that has not presented its secret costs a few hundred bytes
 * and no thread, at most {@code maxPendingConnections} wait at once, and each is dropped at the handshake timeout.
 * A connection whose HELLO matches a ticket becomes that renderer's {@link HostEnd}. It is not the main loop, which
 * {@link SocketServer#launch} may be called from while it waits for a child's handshake.
 */
final class Admission {
  private static final System.Logger LOG = Log.IPC4J;

  private final HostPort host;
  private final SocketOptions options;
  private final SocketLoop loop;
  private final ServerSocketChannel server;
  /** Ends a child that was asked to exit, after the grace period. */
  private final Consumer<Process> endLater;
  private final Set<Ticket> tickets = ConcurrentHashMap.newKeySet();
  private final Selector acceptSelector;
  /**
   * Connections in their handshake, oldest first (so their deadlines are in order too); on the accept thread. At
   * most {@code maxPendingConnections}: a finished one leaves at once.
   */
  private final ArrayDeque<Handshake> handshakes = new ArrayDeque<>();
  private final Throttled capacityWarnings = new Throttled();
  private final Throttled refusalWarnings = new Throttled();
  private final Throttled acceptWarnings = new Throttled();
  /** The handshake timeout; longer than a year is as good as never (and keeps deadlines from overflowing). */
  private final long handshakeNanos;
  /** Whether accepting failed (out of file descriptors, say) and waits until {@link #acceptPausedUntil}. */
  private boolean acceptPaused;
  private long acceptPausedUntil;
  private volatile boolean closed;

  /** Starts the accept thread on a listening, non-blocking server socket. */
  Admission(HostPort host, SocketOptions options, SocketLoop loop, ServerSocketChannel server,
      Consumer<Process> endLater) {
    this.host = host;
    this.options = options;
    this.loop = loop;
    this.server = server;
    this.endLater = endLater;
    this.handshakeNanos = options.handshakeTimeout().toDays() > 365 ? TimeUnit.DAYS.toNanos(365)
        : options.handshakeTimeout().toNanos();
    try {
      this.acceptSelector = Selector.open();
      server.register(acceptSelector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      throw new IpcException("The ipc4j host could not listen: " + e.getMessage(), e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "ipc4j-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Expects one more renderer, which will present the returned ticket's secret. */
  Ticket expect() {
    Ticket ticket = new Ticket(host.newRendererId());
    tickets.add(ticket);
    return ticket;
  }

  /** No longer expects this ticket's renderer (admitted, or given up on). */
  void forget(Ticket ticket) {
    tickets.remove(ticket);
  }

  /** Stops accepting: the accept thread closes the pending connections and its selector. */
  void stop() {
    closed = true;
    acceptSelector.wakeup();
  }

  /** Fails the tickets still waiting for their renderer: the host is closed. */
  void failWaiting() {
    for (Ticket ticket : tickets) {
      ticket.admitted.completeExceptionally(new IpcDisconnectedException("The host is closed"));
    }
  }

  /** A connection in its handshake: the bytes of its HELLO so far, and when it must have sent them all. */
  private static final class Handshake {
    final SocketChannel channel;
    final long deadline;
    /** The length prefix, then the frame (at most {@link Frames#MAX_HELLO_BYTES}): nothing beyond HELLO is read. */
    ByteBuffer bytes = ByteBuffer.allocate(4);
    boolean lengthRead;

    Handshake(SocketChannel channel, long deadline) {
      this.channel = channel;
      this.deadline = deadline;
    }
  }

  /** Accepts connections and runs their handshakes until the server closes; the one thread for all of them. */
  private void acceptLoop() {
    try {
      while (!closed) {
        acceptSelector.select(millisToNextDeadline());
        for (SelectionKey key : acceptSelector.selectedKeys()) {
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            acceptAll(key);
          } else if (key.isReadable()) {
            Handshake handshake = (Handshake) key.attachment();
            try {
              readHello(key, handshake);
            } catch (RuntimeException e) { // this connection's failure ends it, not the accept thread
              LOG.log(Level.ERROR, "ipc4j: a connection's handshake failed", e);
              if (key.isValid()) {
                finish(key, handshake);
              }
              closeQuietly(handshake.channel);
            }
          }
        }
        acceptSelector.selectedKeys().clear();
        dropExpired();
        resumeAccepting();
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        LOG.log(Level.ERROR, "ipc4j: accepting renderers failed; no more renderers can connect", e);
      }
    } finally {
      for (Handshake handshake : handshakes) {
        closeQuietly(handshake.channel);
      }
      handshakes.clear();
      try {
        acceptSelector.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "ipc4j: closing the accept selector: {0}", e.getMessage());
      }
    }
  }

  /** How long the selector may wait: until the oldest pending handshake's deadline, or (0) until woken. */
  private long millisToNextDeadline() {
    Handshake oldest = handshakes.peekFirst();
    if (oldest == null && !acceptPaused) {
      return 0;
    }
    long next = oldest == null ? acceptPausedUntil
        : !acceptPaused || oldest.deadline - acceptPausedUntil < 0 ? oldest.deadline : acceptPausedUntil;
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime() + 999_999));
  }

  private void resumeAccepting() {
    if (acceptPaused && System.nanoTime() - acceptPausedUntil >= 0) {
      acceptPaused = false;
      server.keyFor(acceptSelector).interestOps(SelectionKey.OP_ACCEPT);
    }
  }

  private void acceptAll(SelectionKey serverKey) throws IOException {
    while (true) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (IOException e) {
        if (closed || !server.isOpen()) {
          throw e;
        }
        // Out of file descriptors, say: stop accepting for a moment rather than spin on a ready socket.
        acceptWarnings.warn("ipc4j: accepting a connection failed (" + e + "); trying again in 100 ms");
        serverKey.interestOps(0);
        acceptPaused = true;
        acceptPausedUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        return;
      }
      if (channel == null) {
        return;
      }
      if (handshakes.size() >= options.maxPendingConnections()) {
        closeQuietly(channel);
        capacityWarnings.warn("ipc4j: refused a connection: " + handshakes.size() + " connections are already "
            + "in their handshake (the limit is IpcHost.Builder.maxPendingConnections)");
        continue;
      }
      try {
        channel.configureBlocking(false);
        Handshake handshake = new Handshake(channel, System.nanoTime() + handshakeNanos);
        channel.register(acceptSelector, SelectionKey.OP_READ, handshake);
        handshakes.addLast(handshake);
      } catch (IOException e) {
        closeQuietly(channel);
        refusalWarnings.warn("ipc4j: refused a connection: " + e.getMessage());
      }
    }
  }

  /** Reads what a pending connection has of its HELLO; a whole one is checked and admitted or refused. */
  private void readHello(SelectionKey key, Handshake handshake) {
    try {
      if (handshake.channel.read(handshake.bytes) < 0) {
        throw new java.io.EOFException("the peer closed the connection before its HELLO");
      }
      if (handshake.bytes.hasRemaining()) {
        return;
      }
      if (!handshake.lengthRead) {
        handshake.lengthRead = true;
        int length = handshake.bytes.getInt(0);
        if (length < 1 || length > Frames.MAX_HELLO_BYTES) {
          throw new Frames.ProtocolException("a first frame of " + (length & 0xffffffffL) + " bytes (HELLO is at most "
              + Frames.MAX_HELLO_BYTES + ")");
        }
        handshake.bytes = ByteBuffer.allocate(length);
        readHello(key, handshake); // the frame is usually here already
        return;
      }
      Ticket ticket = checkHello(handshake.bytes.flip());
      finish(key, handshake);
      try {
        HostEnd.admit(handshake.channel, ticket, host, options, loop, endLater);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "ipc4j: admitting renderer " + ticket.rendererId + " failed", e);
        closeQuietly(handshake.channel);
        ticket.admitted.completeExceptionally(new IpcException("Admitting the renderer failed: " + e, e));
      }
    } catch (IOException | Frames.ProtocolException e) {
      refuse(key, handshake, e.getMessage());
    }
  }

  /** Takes a connection out of the handshake: the selector no longer reads it, and its place is free. */
  private void finish(SelectionKey key, Handshake handshake) {
    key.cancel();
    handshakes.remove(handshake);
  }

  private void refuse(SelectionKey key, Handshake handshake, String reason) {
    finish(key, handshake);
    closeQuietly(handshake.channel);
    refusalWarnings.warn("ipc4j: refused a connection: " + reason);
  }

  /** Refuses the connections whose handshake timeout has passed. */
  private void dropExpired() {
    long now = System.nanoTime();
    Handshake oldest;
    while ((oldest = handshakes.peekFirst()) != null && now - oldest.deadline >= 0) {
      refuse(oldest.channel.keyFor(acceptSelector), oldest, "no HELLO within "
          + options.handshakeTimeout().toMillis() + " ms (the handshake timeout)");
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "ipc4j: closing a connection: {0}", e.getMessage());
    }
  }

  private Ticket checkHello(ByteBuffer hello) throws Frames.ProtocolException {
    if ((hello.get() & 0xff) != Frames.HELLO) {
      throw new Frames.ProtocolException("the first frame was not HELLO");
    }
    byte[] magic = new byte[Frames.MAGIC.length];
    if (hello.remaining() < magic.length + 3) {
      throw new Frames.ProtocolException("HELLO is too short");
    }
    hello.get(magic);
    if (!MessageDigest.isEqual(magic, Frames.MAGIC)) {
      throw new Frames.ProtocolException("not an ipc4j peer (bad magic)");
    }
    int version = hello.getShort() & 0xffff;
    if (version != Frames.VERSION) {
      throw new Frames.ProtocolException("protocol version " + version + ", but this host speaks " + Frames.VERSION);
    }
    int length = hello.get() & 0xff;
    if (length != hello.remaining()) {
      throw new Frames.ProtocolException("HELLO's secret length does not match the frame");
    }
    byte[] secret = new byte[length];
    hello.get(secret);
    Ticket match = null;
    for (Ticket ticket : tickets) {
      if (MessageDigest.isEqual(ticket.secret, secret)) { // constant time for each candidate
        match = ticket;
      }
    }
    if (match == null || !tickets.remove(match)) {
      throw new Frames.ProtocolException("a wrong or already used secret");
    }
    return match;
  }
}
