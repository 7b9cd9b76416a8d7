package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcException;
import io.ipc4j.RenderProcessGoneDetails;
import io.ipc4j.RenderProcessGoneDetails.Reason;
import io.ipc4j.WebContents;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The host's socket side: it listens in a fresh directory only its user can read, launches renderer JVMs with a
 * one-time secret each, admits a connection only with a pending secret, and turns each admitted connection into a
 * renderer of its host, which it reaches through a {@link HostPort} only.
 *
 * <p>One thread, {@code ipc4j-accept}, accepts and runs every handshake with one selector: a connection that has
 * not presented its secret costs a few hundred bytes and no thread, at most {@code maxPendingConnections} wait at
 * once, and each is dropped at the handshake timeout. It is not the main loop, which {@link #launch} may be
 * called from while it waits for a child's handshake.
 */
final class SocketServer {
  private static final System.Logger LOG = System.getLogger("io.ipc4j");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A renderer the host expects: its secret, its id, and (for a child JVM) its process. */
  static final class Ticket {
    final byte[] secret = new byte[32];
    final int rendererId;
    final CompletableFuture<ConnectedRenderer> admitted = new CompletableFuture<>();
    volatile Process process;

    Ticket(int rendererId) {
      this.rendererId = rendererId;
      RANDOM.nextBytes(secret);
    }
  }

  private final HostPort host;
  private final SocketOptions options;
  /** The loop that reads the renderers' sockets (the host's main loop). */
  private final EventLoop loop;
  private final Path directory;
  private final ServerSocketChannel server;
  private final Endpoint endpoint;
  private final Set<Ticket> tickets = ConcurrentHashMap.newKeySet();
  private final Set<Process> children = ConcurrentHashMap.newKeySet();
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

  SocketServer(HostPort host, SocketOptions options, EventLoop loop) {
    this.host = host;
    this.options = options;
    this.loop = loop;
    this.handshakeNanos = options.handshakeTimeout().toDays() > 365 ? TimeUnit.DAYS.toNanos(365)
        : options.handshakeTimeout().toNanos();
    try {
      this.directory = privateDirectory();
      ServerSocketChannel channel;
      Endpoint where;
      try {
        channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Path socket = directory.resolve("host.sock");
        channel.bind(UnixDomainSocketAddress.of(socket));
        where = new Endpoint(UnixDomainSocketAddress.of(socket));
      } catch (UnsupportedOperationException | IOException e) {
        LOG.log(Level.INFO, "ipc4j: Unix domain sockets unavailable ({0}); using TCP loopback", e.getMessage());
        channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        where = new Endpoint(channel.getLocalAddress());
      }
      this.server = channel;
      this.endpoint = where;
      channel.configureBlocking(false);
      this.acceptSelector = Selector.open();
      channel.register(acceptSelector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      throw new IpcException("The ipc4j host could not listen: " + e.getMessage(), e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "ipc4j-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static Path privateDirectory() throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path base = Path.of(System.getProperty("java.io.tmpdir"));
    if (base.toString().length() > 60 && Files.isDirectory(Path.of("/tmp"))) {
      base = Path.of("/tmp"); // socket paths are limited to about 100 bytes
    }
    if (posix) {
      return Files.createTempDirectory(base, "ipc4j-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return Files.createTempDirectory(base, "ipc4j-");
  }

  Path directory() {
    return directory;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  /** A connection in its handshake: the bytes of its HELLO so far, and when it must have sent them all. */
  private static final class Handshake {
    final SocketChannel channel;
    final long deadline;
    /** The length prefix, then the frame (at most {@link Wire#MAX_HELLO_BYTES}): nothing beyond HELLO is read. */
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
        if (length < 1 || length > Wire.MAX_HELLO_BYTES) {
          throw new Wire.ProtocolException("a first frame of " + (length & 0xffffffffL) + " bytes (HELLO is at most "
              + Wire.MAX_HELLO_BYTES + ")");
        }
        handshake.bytes = ByteBuffer.allocate(length);
        readHello(key, handshake); // the frame is usually here already
        return;
      }
      Ticket ticket = checkHello(handshake.bytes.flip());
      finish(key, handshake);
      try {
        admit(handshake.channel, ticket);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "ipc4j: admitting renderer " + ticket.rendererId + " failed", e);
        closeQuietly(handshake.channel);
        ticket.admitted.completeExceptionally(new IpcException("Admitting the renderer failed: " + e, e));
      }
    } catch (IOException | Wire.ProtocolException e) {
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

  /**
   * A warning that may come in floods (an attacker can make as many connections as it likes): logged at most once
   * a second, with a count of those left out. On the accept thread.
   */
  private static final class Throttled {
    private static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
    private long quietUntil = System.nanoTime();
    private int leftOut;

    void warn(String message) {
      long now = System.nanoTime();
      if (now - quietUntil < 0) {
        leftOut++;
        return;
      }
      quietUntil = now + PERIOD_NANOS;
      if (leftOut > 0) {
        LOG.log(Level.WARNING, "{0} (and {1} more like it in the last second, not logged)", message, leftOut);
      } else {
        LOG.log(Level.WARNING, message);
      }
      leftOut = 0;
    }
  }

  /** Turns a connection whose HELLO matched a ticket into that ticket's renderer, read by the main loop. */
  private void admit(SocketChannel channel, Ticket ticket) {
    Connection connection = new Connection(channel, "renderer-" + ticket.rendererId, options.maxFrameBytes(),
        options.stallTime().toMillis(), options.maxOutboundBytes());
    try {
      connection.stopBlocking(); // from here on nothing written to it waits on it, WELCOME included
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Process process = ticket.process;
    long osPid = process != null ? process.pid() : ProcessHandle.current().pid();
    Connection admitted = connection;
    ConnectedRenderer renderer = host.admit(ticket.rendererId, osPid, new RendererLink() {
      @Override
      public void toRenderer(Message message) {
        if (admitted.isOpen()) {
          admitted.send(message);
        }
      }

      @Override
      public void close(String reason) {
        if (admitted.isOpen()) {
          admitted.send(Wire.goodbye(), null);
        }
        admitted.close(reason);
        if (process != null) {
          endLater(process);
        }
      }
    });
    connection.send(Wire.welcome(ticket.rendererId, renderer.processId(), host.defaultTimeout().toMillis(),
        host.spinNanos()), null);
    connection.startPolled(new Connection.Receiver() {
      @Override
      public void frame(Wire.Head head, byte[] payload) throws Wire.ProtocolException {
        renderer.receiveOnMainLoop(Wire.message(head, payload, Message.Direction.TO_MAIN));
      }

      @Override
      public void closed(String reason) {
        if (renderer.isDestroyed()) {
          return;
        }
        // The socket usually closes just before the exit is seen: wait for it (at most a second) without holding
        // up the main loop, which is usually the caller.
        CompletableFuture<?> ended = process == null ? CompletableFuture.completedFuture(null)
            : process.onExit().completeOnTimeout(process, 1, TimeUnit.SECONDS);
        ended.thenRun(() -> {
          if (!renderer.isDestroyed()) {
            renderer.destroy(goneDetails(process), "Renderer " + renderer.id() + " disconnected: " + reason);
          }
        });
      }
    }, loop, options.stallTime());
    ticket.admitted.complete(renderer);
  }

  private Ticket checkHello(ByteBuffer hello) throws Wire.ProtocolException {
    if ((hello.get() & 0xff) != Wire.HELLO) {
      throw new Wire.ProtocolException("the first frame was not HELLO");
    }
    byte[] magic = new byte[Wire.MAGIC.length];
    if (hello.remaining() < magic.length + 3) {
      throw new Wire.ProtocolException("HELLO is too short");
    }
    hello.get(magic);
    if (!MessageDigest.isEqual(magic, Wire.MAGIC)) {
      throw new Wire.ProtocolException("not an ipc4j peer (bad magic)");
    }
    int version = hello.getShort() & 0xffff;
    if (version != Wire.VERSION) {
      throw new Wire.ProtocolException("protocol version " + version + ", but this host speaks " + Wire.VERSION);
    }
    int length = hello.get() & 0xff;
    if (length != hello.remaining()) {
      throw new Wire.ProtocolException("HELLO's secret length does not match the frame");
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
      throw new Wire.ProtocolException("a wrong or already used secret");
    }
    return match;
  }

  private static RenderProcessGoneDetails goneDetails(Process process) {
    if (process == null) {
      return new RenderProcessGoneDetails(Reason.CRASHED, -1);
    }
    if (process.isAlive()) { // still running a second after its socket closed
      process.destroyForcibly();
      return new RenderProcessGoneDetails(Reason.CRASHED, -1);
    }
    int code = process.exitValue();
    if (code == 0) {
      return new RenderProcessGoneDetails(Reason.CLEAN_EXIT, 0);
    }
    if (code > 128 && code <= 128 + 64) {
      return new RenderProcessGoneDetails(Reason.KILLED, code); // 128 + the signal number
    }
    return new RenderProcessGoneDetails(Reason.ABNORMAL_EXIT, code);
  }

  /**
   * Expects one more connection, which will present the returned ticket's secret: how a peer that speaks the
   * protocol itself (a test's, for now) is let in.
   */
  Ticket expectPeer() {
    ensureOpen();
    Ticket ticket = new Ticket(host.newRendererId());
    tickets.add(ticket);
    return ticket;
  }

  /** Launches a renderer JVM and waits until it has connected. */
  WebContents launch(Class<?> mainClass, String... args) {
    ensureOpen();
    Ticket ticket = new Ticket(host.newRendererId());
    Path secretFile = directory.resolve("ticket-" + ticket.rendererId);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
        "java").toString()));
    command.addAll(options.jvmOptions());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    tickets.add(ticket);
    Process process;
    try {
      writeSecret(secretFile, ticket.secret);
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      builder.environment().put(ChildConnector.ENDPOINT_ENV, endpoint.text());
      builder.environment().put(ChildConnector.TICKET_ENV, secretFile.toString());
      builder.environment().put(ChildConnector.MAX_FRAME_ENV, Integer.toString(options.maxFrameBytes()));
      process = builder.start();
    } catch (IOException e) {
      tickets.remove(ticket);
      deleteQuietly(secretFile);
      throw new IpcException("Could not start a renderer JVM (" + String.join(" ", command) + "): "
          + e.getMessage(), e);
    }
    ticket.process = process;
    children.add(process);
    process.onExit().thenRun(() -> {
      children.remove(process);
      ticket.admitted.completeExceptionally(new IpcException("The renderer " + mainClass.getName()
          + " exited with code " + process.exitValue() + " before it connected (did it call IpcRenderer.connect()?)"));
    });
    try {
      return ticket.admitted.get(options.launchTimeout().toMillis(), TimeUnit.MILLISECONDS).webContents();
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new IpcException("The renderer " + mainClass.getName() + " did not connect within "
          + options.launchTimeout().toMillis() + " ms; it was stopped");
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IpcException("Interrupted while launching " + mainClass.getName());
    } finally {
      tickets.remove(ticket);
      deleteQuietly(secretFile);
    }
  }

  private static void writeSecret(Path file, byte[] secret) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE)));
    }
    Files.write(file, secret, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** A renderer in this JVM connected over the socket, and admitted: its client end, and the host's side of it. */
  record InProcessPeer(SocketClient client, ConnectedRenderer renderer) {}

  /**
   * Connects a renderer in this JVM to the host over the real socket, exactly as a child JVM would, and waits until
   * it is admitted. Its client reads nothing until started.
   */
  InProcessPeer connectInProcess() {
    ensureOpen();
    Ticket ticket = new Ticket(host.newRendererId());
    tickets.add(ticket);
    SocketClient client;
    ConnectedRenderer renderer;
    try {
      client = SocketClient.connect(endpoint, ticket.secret, options.maxFrameBytes());
      renderer = ticket.admitted.get(options.launchTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new IpcException("An in-process renderer could not connect: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IpcException("Interrupted while opening a renderer");
    } finally {
      tickets.remove(ticket);
    }
    return new InProcessPeer(client, renderer);
  }

  /** Ends a child that was asked to exit, once the grace period has passed. */
  private void endLater(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.onExit().completeOnTimeout(null, options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)
        .thenRun(() -> {
          if (process.isAlive()) {
            LOG.log(Level.INFO, "ipc4j: renderer process {0} did not exit within the grace period; ending it",
                process.pid());
            process.destroyForcibly();
          }
        });
  }

  private void ensureOpen() {
    if (closed) {
      throw new IpcDisconnectedException("The host is closed");
    }
  }

  /** Stops accepting, ends every child (after the grace period), and deletes the socket directory. */
  void close() {
    closed = true;
    acceptSelector.wakeup(); // the accept thread closes the pending connections and its selector
    try {
      server.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "ipc4j: closing the server socket: {0}", e.getMessage());
    }
    for (Ticket ticket : tickets) {
      ticket.admitted.completeExceptionally(new IpcDisconnectedException("The host is closed"));
    }
    long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
    for (Process child : new ArrayList<>(children)) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !child.waitFor(left, TimeUnit.NANOSECONDS)) {
          child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        child.destroyForcibly();
      }
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(SocketServer::deleteQuietly);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "ipc4j: could not delete {0}: {1}", directory, e.getMessage());
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "ipc4j: could not delete {0}: {1}", path, e.getMessage());
    }
  }
}
