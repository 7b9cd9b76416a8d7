package io.ipc4j.internal.socket;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcException;
import io.ipc4j.WebContents;
import io.ipc4j.internal.ConnectedRenderer;
import io.ipc4j.internal.HostPort;
import io.ipc4j.internal.SocketLoop;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The host's socket side: it listens in a fresh directory only its user can read ({@link ListeningSocket}),
 * launches renderers (JVMs or any program) with a one-time secret each ({@link ChildLauncher}), admits a connection
 * only with a pending secret ({@link Admission}), and turns each admitted connection into a renderer of its host
 * ({@link HostEnd}), which it reaches through a {@link HostPort} only.
 */
public final class SocketServer {
  private final SocketOptions options;
  private final ListeningSocket listening;
  private final Admission admission;
  private final ChildLauncher launcher;
  private volatile boolean closed;

  /**
   * Listens and starts admitting renderers.
   *
   * @param host what admits the renderers that connect
   * @param options the socket transport's options
   * @param loop the loop that reads the renderers' sockets (the host's main loop)
   * @throws IpcException if it cannot listen
   */
  public SocketServer(HostPort host, SocketOptions options, SocketLoop loop) {
    this.options = options;
    this.listening = new ListeningSocket();
    this.admission = new Admission(host, options, loop, listening.channel, this::endLater);
    this.launcher = new ChildLauncher(options, host, listening, admission);
  }

  private void endLater(Process child) {
    launcher.endLater(child);
  }

  /**
   * The private directory the socket lives in.
   *
   * @return the directory
   */
  public Path directory() {
    return listening.directory;
  }

  Endpoint endpoint() {
    return listening.endpoint;
  }

  /**
   * Expects one more connection, which will present the returned ticket's secret: how a peer that speaks the
   * protocol itself (a test's, for now) is let in.
   */
  Ticket expectPeer() {
    ensureOpen();
    return admission.expect();
  }

  /**
   * Launches a renderer JVM and waits until it has connected.
   *
   * @param mainClass the class whose {@code main} the child runs
   * @param args its arguments
   * @return the child's {@code WebContents}
   */
  public WebContents launch(Class<?> mainClass, String... args) {
    ensureOpen();
    return launcher.launch(mainClass, args);
  }

  /**
   * Launches any program as a renderer, with the endpoint and a one-time ticket in its environment, and waits until
   * it has connected.
   *
   * @param builder the program; copied, not changed
   * @return its {@code WebContents}
   */
  public WebContents launchProcess(ProcessBuilder builder) {
    ensureOpen();
    return launcher.launchProcess(builder);
  }

  /**
   * A renderer in this JVM connected over the socket, and admitted.
   *
   * @param client its end, which reads nothing until started
   * @param renderer the host's side of it
   */
  public record InProcessPeer(SocketClient client, ConnectedRenderer renderer) {}

  /**
   * Connects a renderer in this JVM to the host over the real socket, exactly as a child JVM would, and waits until
   * it is admitted.
   *
   * @return its two ends
   */
  public InProcessPeer connectInProcess() {
    ensureOpen();
    Ticket ticket = admission.expect();
    SocketClient client;
    ConnectedRenderer renderer;
    try {
      client = SocketClient.connect(listening.endpoint, ticket.secret, options.maxFrameBytes());
      renderer = ticket.admitted.get(options.launchTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new IpcException("An in-process renderer could not connect: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IpcException("Interrupted while opening a renderer");
    } finally {
      admission.forget(ticket);
    }
    return new InProcessPeer(client, renderer);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IpcDisconnectedException("The host is closed");
    }
  }

  /** Stops accepting, ends every child (after the grace period), and deletes the socket directory. */
  public void close() {
    closed = true;
    admission.stop();
    listening.closeSocket();
    admission.failWaiting();
    launcher.endAll();
    listening.deleteDirectory();
  }
}
