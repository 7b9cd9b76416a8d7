package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** A renderer's end of the socket: the handshake, then its {@link RendererCore} wired to the connection. */
final class SocketClient {
  /** How long a renderer waits for the host's WELCOME. */
  static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

  final RendererCore core;
  final int rendererId;
  final IpcRendererImpl mainFrame;
  private final Connection connection;

  private SocketClient(RendererCore core, int rendererId, Connection connection) {
    this.core = core;
    this.rendererId = rendererId;
    this.connection = connection;
    this.mainFrame = core.addFrame(Message.MAIN_FRAME_ID);
  }

  /**
   * Connects and handshakes.
   *
   * @param mainLoop the host's loop when the host is in this JVM (blocking on it is refused), else null
   * @param onHostLost runs when the connection ends (after every pending call has failed), or null
   */
  static SocketClient connect(Endpoint endpoint, byte[] secret, int maxFrameBytes, EventLoop mainLoop,
      Runnable onHostLost) {
    SocketChannel channel;
    try {
      channel = endpoint.connect();
    } catch (IOException e) {
      throw new IpcDisconnectedException("Cannot reach the ipc4j host at " + endpoint.text() + ": " + e.getMessage(),
          e);
    }
    Connection connection = new Connection(channel, "renderer-connection", maxFrameBytes);
    ByteBuffer welcome;
    try {
      connection.send(Wire.hello(secret), null);
      welcome = connection.readFrame(Wire.MAX_HELLO_BYTES, HANDSHAKE_TIMEOUT); // a timed wait: no timer thread
      if ((welcome.get() & 0xff) != Wire.WELCOME) {
        throw new Wire.ProtocolException("the host answered the handshake with something else");
      }
    } catch (SocketTimeoutException e) {
      connection.close("no WELCOME from the host within " + HANDSHAKE_TIMEOUT.toSeconds() + " s");
      throw new IpcDisconnectedException("The ipc4j host did not answer the handshake within "
          + HANDSHAKE_TIMEOUT.toSeconds() + " s", e);
    } catch (IOException | Wire.ProtocolException e) {
      connection.close(e.getMessage());
      String why = connection.closeReason() != null ? connection.closeReason() : e.getMessage();
      throw new IpcDisconnectedException("The ipc4j host refused this renderer or went away during the handshake ("
          + why + ")", e);
    }
    int rendererId = welcome.getInt();
    welcome.getInt(); // the process id: the host keeps it, events carry it
    Duration timeout = Duration.ofMillis(welcome.getLong());
    long spinNanos = welcome.getLong();
    RendererCore core = new RendererCore("ipc4j-renderer-" + rendererId, timeout, spinNanos, mainLoop);
    SocketClient client = new SocketClient(core, rendererId, connection);
    core.frameOpener(client::openFrame);
    core.connect(message -> {
      if (!connection.isOpen()) {
        throw new IpcDisconnectedException("The ipc4j host is gone (" + connection.closeReason() + ")");
      }
      connection.send(message);
    });
    connection.start(new Connection.Receiver() {
      @Override
      public void frame(Wire.Head head, byte[] payload) throws Wire.ProtocolException {
        if (head.type() == Wire.GOODBYE) {
          connection.close("the host closed this renderer");
          return;
        }
        core.receive(Wire.message(head, payload, Message.Direction.TO_RENDERER));
      }

      @Override
      public void closed(String reason) {
        core.close("The ipc4j host connection ended: " + reason);
        if (onHostLost != null) {
          onHostLost.run();
        }
      }
    });
    return client;
  }

  /** Asks the host for a new frame of this renderer. */
  IpcRendererImpl openFrame() {
    core.ensureOpen();
    PendingCall call = core.newCall("(open frame)", core.defaultTimeout);
    try {
      core.toMain(new Message.OpenFrame(call.id));
    } catch (RuntimeException e) {
      call.complete(e);
    }
    Object id = call.await();
    if (!(id instanceof Integer frameId)) {
      throw new IpcException("The host answered a frame request with " + id);
    }
    return core.addFrame(frameId);
  }

  void close(String reason) {
    core.close(reason);
    connection.close(reason);
  }
}
