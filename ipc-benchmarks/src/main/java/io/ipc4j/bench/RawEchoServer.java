package io.ipc4j.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The concurrency baseline's server in the benchmark JVM: a thread per connection, each echoing length-prefixed
 * frames on a blocking Unix domain socket, as the {@code raw-uds} peer does for one connection.
 */
final class RawEchoServer implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();

  private RawEchoServer(ServerSocketChannel server) {
    this.server = server;
  }

  /** Listens on {@code socket} and echoes every connection's frames until closed. */
  static RawEchoServer start(Path socket) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    RawEchoServer echo = new RawEchoServer(server);
    Thread acceptor = new Thread(echo::accept, "raw-echo-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return echo;
  }

  private void accept() {
    while (server.isOpen()) {
      try {
        SocketChannel channel = server.accept();
        connections.add(channel);
        Thread thread = new Thread(() -> echo(channel), "raw-echo");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void echo(SocketChannel channel) {
    Frames frames = new Frames(channel);
    try (channel) {
      while (true) {
        frames.write(frames.lastFrame(frames.read()));
      }
    } catch (IOException e) {
      // the client is done, or this server closed
    } finally {
      connections.remove(channel);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (SocketChannel channel : connections) {
      channel.close();
    }
  }
}
