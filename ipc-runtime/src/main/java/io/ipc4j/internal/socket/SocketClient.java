package io.ipc4j.internal.socket;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.internal.MainLink;
import io.ipc4j.internal.Message;
import io.ipc4j.internal.RendererLink;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A renderer's end of the socket: the handshake, then the {@link MainLink} of the renderer's side, whose messages it
 * writes, and the reader that hands the host's messages to that side through its {@link RendererLink}.
 */
public final class SocketClient implements MainLink {
  /** How long a renderer waits for the host's WELCOME. */
  static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

  private final Connection connection;
  private final int rendererId;
  private final Duration defaultTimeout;
  private final long spinNanos;

  private SocketClient(Connection connection, int rendererId, Duration defaultTimeout, long spinNanos) {
    this.connection = connection;
    this.rendererId = rendererId;
    this.defaultTimeout = defaultTimeout;
    this.spinNanos = spinNanos;
  }

  /** Connects and handshakes; nothing is read after the WELCOME until {@link #start}. */
  static SocketClient connect(Endpoint endpoint, byte[] secret, int maxFrameBytes) {
    SocketChannel channel;
    try {
      channel = endpoint.connect();
    } catch (IOException e) {
      throw new IpcDisconnectedException("Cannot reach the ipc4j host at " + endpoint.text() + ": " + e.getMessage(),
          e);
    }
    Connection connection = new Connection(channel, "renderer-connection", maxFrameBytes);
    try {
      connection.send(Frames.hello(secret), null, false);
      ByteBuffer welcome = connection.readFrame(Frames.MAX_HELLO_BYTES, HANDSHAKE_TIMEOUT); // a timed wait
      return welcomed(connection, welcome);
    } catch (SocketTimeoutException e) {
      connection.close("no WELCOME from the host within " + HANDSHAKE_TIMEOUT.toSeconds() + " s");
      throw new IpcDisconnectedException("The ipc4j host did not answer the handshake within "
          + HANDSHAKE_TIMEOUT.toSeconds() + " s", e);
    } catch (IOException | Frames.ProtocolException e) {
      connection.close(e.getMessage());
      String why = connection.closeReason() != null ? connection.closeReason() : e.getMessage();
      throw new IpcDisconnectedException("The ipc4j host refused this renderer or went away during the handshake ("
          + why + ")", e);
    }
  }

  /** The renderer the host's WELCOME makes of this connection, once its fields are checked. */
  private static SocketClient welcomed(Connection connection, ByteBuffer welcome) throws Frames.ProtocolException {
    if ((welcome.get() & 0xff) != Frames.WELCOME) {
      throw new Frames.ProtocolException("the host answered the handshake with something else");
    }
    if (welcome.remaining() < 24) {
      throw new Frames.ProtocolException("the host sent a WELCOME of " + welcome.remaining() + " bytes; it has 24");
    }
    int rendererId = welcome.getInt();
    welcome.getInt(); // the process id: the host keeps it, events carry it
    long timeoutMillis = welcome.getLong();
    long spinNanos = welcome.getLong();
    if (timeoutMillis < 0 || spinNanos < 0) {
      throw new Frames.ProtocolException("the host's WELCOME gave a default deadline of " + timeoutMillis
          + " ms and a spin time of " + spinNanos + " ns; neither may be negative");
    }
    return new SocketClient(connection, rendererId, Duration.ofMillis(timeoutMillis), spinNanos);
  }

  /**
   * The id the host gave this renderer in its WELCOME.
   *
   * @return the renderer id
   */
  public int rendererId() {
    return rendererId;
  }

  /**
   * The host's default timeout, from its WELCOME.
   *
   * @return the deadline of calls that name none
   */
  public Duration defaultTimeout() {
    return defaultTimeout;
  }

  /**
   * The host's spin time in nanoseconds, from its WELCOME.
   *
   * @return how long waiting callers spin before parking
   */
  public long spinNanos() {
    return spinNanos;
  }

  /**
   * Starts reading: the host's messages go to {@code side}, which is closed when the connection ends.
   *
   * @param side the renderer's side
   * @param onHostLost runs when the connection ends (after the side has closed), or null
   */
  public void start(RendererLink side, Runnable onHostLost) {
    connection.start(new Connection.Receiver() {
      @Override
      public void frame(Frames.Head head, byte[] payload) throws Frames.ProtocolException {
        if (head.type() == Frames.GOODBYE) {
          connection.close("the host closed this renderer");
          return;
        }
        side.toRenderer(Frames.message(head, payload, Message.Direction.TO_RENDERER));
      }

      @Override
      public void closed(String reason) {
        side.close("The ipc4j host connection ended: " + reason);
        if (onHostLost != null) {
          onHostLost.run();
        }
      }
    });
  }

  @Override
  public boolean framesAsSent() {
    return true;
  }

  @Override
  public void toMain(Message message) {
    if (!connection.isOpen()) {
      throw new IpcDisconnectedException("The ipc4j host is gone (" + connection.closeReason() + ")");
    }
    connection.send(message);
  }

  @Override
  public void close(String reason) {
    connection.close(reason);
  }

  @Override
  public String toString() {
    return connection.toString();
  }
}
