package io.ipc4j.internal.socket;

import io.ipc4j.internal.ConnectedRenderer;
import io.ipc4j.internal.HostPort;
import io.ipc4j.internal.Message;
import io.ipc4j.internal.RendererLink;
import io.ipc4j.internal.SocketLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The host's end of one admitted renderer's socket: the {@link RendererLink} the host writes to it through, and the
 * receiver that hands its frames, read by the main loop, to the host's side of it.
 */
final class HostEnd implements RendererLink, Connection.Receiver {
  /** How long a child whose socket closed gets for its exit to be seen, for the render-process-gone reason. */
  private static final Duration EXIT_WAIT = Duration.ofSeconds(1);

  private final Connection connection;
  private final HostPort host;
  private final Process process;
  private final Consumer<Process> endLater;
  /** The host's side of the renderer, once admitted. */
  private ConnectedRenderer renderer;

  private HostEnd(Connection connection, HostPort host, Process process, Consumer<Process> endLater) {
    this.connection = connection;
    this.host = host;
    this.process = process;
    this.endLater = endLater;
  }

  /**
   * Turns a connection whose HELLO matched a ticket into that ticket's renderer: admitted by the host, welcomed, and
   * read by the main loop. Completes the ticket.
   */
  static void admit(SocketChannel channel, Ticket ticket, HostPort host, SocketOptions options, SocketLoop loop,
      Consumer<Process> endLater) {
    Connection connection = new Connection(channel, "renderer-" + ticket.rendererId, options.maxFrameBytes(),
        options.stallTime().toMillis(), options.maxOutboundBytes());
    try {
      connection.stopBlocking(); // from here on nothing written to it waits on it, WELCOME included
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process process = ticket.process;
    long osPid = process != null ? process.pid() : ProcessHandle.current().pid();
    HostEnd end = new HostEnd(connection, host, process, endLater);
    ConnectedRenderer renderer = host.admit(ticket.rendererId, osPid, end);
    end.renderer = renderer;
    connection.send(Frames.welcome(ticket.rendererId, renderer.processId(), host.defaultTimeout().toMillis(),
        host.spinNanos()), null, false);
    connection.startPolled(end, loop, options.stallTime());
    ticket.admitted.complete(renderer);
  }

  @Override
  public boolean framesAsSent() {
    return true;
  }

  @Override
  public void toRenderer(Message message) {
    if (connection.isOpen()) {
      connection.send(message);
    }
  }

  @Override
  public boolean isConnected() {
    return connection.isOpen();
  }

  @Override
  public long outboundBytes() {
    return connection.outboundBytes();
  }

  @Override
  public void close(String reason) {
    if (connection.isOpen()) {
      connection.send(Frames.goodbye(), null, false);
    }
    connection.closeAfterWrites(reason);
    if (process != null) {
      endLater.accept(process);
    }
  }

  @Override
  public void frame(Frames.Head head, byte[] payload) throws Frames.ProtocolException {
    renderer.receiveOnMainLoop(Frames.message(head, payload, Message.Direction.TO_MAIN));
  }

  @Override
  public void closed(String reason) {
    if (renderer.isDestroyed()) {
      return;
    }
    renderer.connectionClosed(); // its streams stop now: nothing they produce reaches it
    // The socket usually closes just before the exit is seen: wait for it (at most a second) without holding
    // up the main loop, which is usually the caller.
    CompletableFuture<?> ended = process == null ? CompletableFuture.completedFuture(null)
        : host.completeOnTimeout(process.onExit(), process, EXIT_WAIT);
    ended.thenRun(() -> {
      if (!renderer.isDestroyed()) {
        renderer.destroy(ExitReasons.of(process), "Renderer " + renderer.id() + " disconnected: " + reason);
      }
    });
  }
}
