package io.ipc4j.internal.socket;

import io.ipc4j.IpcException;
import io.ipc4j.IpcHost;
import io.ipc4j.internal.Log;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Connects a renderer JVM to the host that launched it. The host passes where to connect and the path of a
 * one-time secret in the environment (never on the command line); the child reads the secret and deletes it.
 * When the host goes away, every pending call fails at once and the process exits a second later (see
 * {@link #exitSoon}): a renderer never outlives its host.
 */
public final class ChildConnector {
  /** The environment variable that names the host's endpoint. */
  static final String ENDPOINT_ENV = "IPC4J_ENDPOINT";
  /** The environment variable that names the file holding this child's one-time secret. */
  static final String TICKET_ENV = "IPC4J_TICKET";
  /** The environment variable that carries the host's maximum frame size. */
  static final String MAX_FRAME_ENV = "IPC4J_MAX_FRAME_BYTES";

  private static final System.Logger LOG = Log.IPC4J;

  private ChildConnector() {}

  /**
   * Connects this process to the host named in its environment, and handshakes.
   *
   * @return the renderer's end of the socket, not yet reading
   * @throws IpcException if this process was not launched by a host, or cannot read its secret
   */
  public static SocketClient connectFromEnvironment() {
    String endpoint = System.getenv(ENDPOINT_ENV);
    String ticket = System.getenv(TICKET_ENV);
    if (endpoint == null || endpoint.isEmpty() || ticket == null || ticket.isEmpty()) {
      throw new IpcException("IpcRenderer.connect() found no host: this process was not started by "
          + "IpcHost.launchRenderer or launchProcess (the " + ENDPOINT_ENV + " and " + TICKET_ENV
          + " environment variables are not set). Launch it from a host, or use IpcHost.inProcess() and "
          + "host.openRenderer() to run renderers as threads.");
    }
    byte[] secret;
    try {
      Path file = Path.of(ticket);
      secret = Files.readAllBytes(file);
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new IpcException("IpcRenderer.connect() could not read its one-time secret (" + e.getMessage()
          + "); it can be used only once, by the process the host launched", e);
    }
    int maxFrame = IpcHost.DEFAULT_MAX_FRAME_BYTES;
    try {
      String configured = System.getenv(MAX_FRAME_ENV);
      if (configured != null) {
        maxFrame = Integer.parseInt(configured);
      }
    } catch (NumberFormatException e) {
      LOG.log(Level.WARNING, "ipc4j: ignoring a malformed {0}", MAX_FRAME_ENV);
    }
    return SocketClient.connect(Endpoint.parse(endpoint), secret, maxFrame);
  }

  /** Exits this process a second from now, once the host is lost: failing calls get to report first. */
  public static void exitSoon() {
    Thread exit = new Thread(() -> {
      try {
        Thread.sleep(1000); // let failing calls report first
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().exit(0);
    }, "ipc4j-host-lost");
    exit.setDaemon(true);
    exit.start();
  }
}
