package io.ipc4j.internal.socket;

import io.ipc4j.IpcException;
import io.ipc4j.internal.Log;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the host listens: a Unix domain socket in a fresh directory only its user can read (or a loopback TCP port
 * where those are unavailable); the directory also holds the children's one-time secrets until they are read.
 */
final class ListeningSocket {
  private static final System.Logger LOG = Log.IPC4J;

  final Path directory;
  final ServerSocketChannel channel;
  final Endpoint endpoint;
  /**
   * Deletes the directory when the JVM exits with the host still open (a {@code System.exit}, or a last non-daemon
   * thread ending without {@code close()}), so that no exit in good order leaves it behind; {@link #deleteDirectory}
   * unregisters it. Never started otherwise. A killed JVM runs no hooks: its directory stays.
   */
  final Thread deleteAtExit;

  /** Listens (non-blocking); throws {@link IpcException} if it cannot. */
  ListeningSocket() {
    try {
      this.directory = privateDirectory();
      ServerSocketChannel server;
      Endpoint where;
      try {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Path socket = directory.resolve("host.sock");
        server.bind(UnixDomainSocketAddress.of(socket));
        where = new Endpoint(UnixDomainSocketAddress.of(socket));
      } catch (UnsupportedOperationException | IOException e) {
        LOG.log(Level.INFO, "ipc4j: Unix domain sockets unavailable ({0}); using TCP loopback", e.getMessage());
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        where = new Endpoint(server.getLocalAddress());
      }
      this.channel = server;
      this.endpoint = where;
      server.configureBlocking(false);
      this.deleteAtExit = new Thread(this::deleteFiles, "ipc4j-delete-" + directory.getFileName());
      try {
        Runtime.getRuntime().addShutdownHook(deleteAtExit);
      } catch (IllegalStateException e) {
        server.close();
        deleteFiles();
        throw new IpcException("The ipc4j host could not listen: the JVM is shutting down", e);
      }
    } catch (IOException e) {
      throw new IpcException("The ipc4j host could not listen: " + e.getMessage(), e);
    }
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

  /** Stops listening. */
  void closeSocket() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "ipc4j: closing the server socket: {0}", e.getMessage());
    }
  }

  /** Deletes the directory and what is left in it, and no longer at the JVM's exit. */
  void deleteDirectory() {
    try {
      Runtime.getRuntime().removeShutdownHook(deleteAtExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting (a shutdown hook closes the host): the hook deletes the directory too, harmlessly
    }
    deleteFiles();
  }

  /** Once only in effect: {@code close()} in a user's shutdown hook may run it as the exit hook does. */
  private synchronized void deleteFiles() {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(ListeningSocket::deleteQuietly);
    } catch (IOException | java.io.UncheckedIOException e) {
      LOG.log(Level.WARNING, "ipc4j: could not delete {0}: {1}", directory, e.getMessage());
    }
  }

  static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "ipc4j: could not delete {0}: {1}", path, e.getMessage());
    }
  }
}
