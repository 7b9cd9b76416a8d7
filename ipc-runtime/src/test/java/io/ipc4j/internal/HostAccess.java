package io.ipc4j.internal;

import io.ipc4j.IpcHost;
import io.ipc4j.internal.socket.SocketServer;
import java.nio.file.Path;

/** What the tests of the socket package may see of a host's internals, which are package-private here. */
public final class HostAccess {
  private HostAccess() {}

  /** The socket side of a host built with {@code overSockets()}. */
  public static SocketServer server(IpcHost host) {
    return ((IpcHostImpl) host).server();
  }

  /** The private directory a socket host listens in. */
  public static Path socketDirectory(IpcHost host) {
    return ((IpcHostImpl) host).socketDirectory();
  }

  /** The host's main loop, which reads every renderer's socket. */
  public static SocketLoop mainLoop(IpcHost host) {
    return SocketLoop.of(((IpcHostImpl) host).mainLoop());
  }

  /** A loop that polls sockets, as the host's main loop does, for tests of one connection without a host. */
  public static final class PollingLoop implements AutoCloseable {
    private final EventLoop loop;
    /** The loop as the socket code sees it. */
    public final SocketLoop sockets;

    /** Starts the loop. */
    public PollingLoop(String name, long spinNanos) {
      this.loop = EventLoop.start(name, spinNanos, true, null, null);
      this.sockets = SocketLoop.of(loop);
    }

    /** Stops the loop and waits for it to end. */
    @Override
    public void close() {
      loop.shutdown();
      loop.awaitTermination(5_000);
    }
  }
}
