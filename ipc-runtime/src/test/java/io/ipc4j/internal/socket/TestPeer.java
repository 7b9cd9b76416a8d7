package io.ipc4j.internal.socket;

import io.ipc4j.internal.HostAccess;
import io.ipc4j.internal.Message;
import io.ipc4j.internal.ConnectedRenderer;
import io.ipc4j.IpcHost;
import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.WebContents;
import io.ipc4j.internal.codec.ValueCodec;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A renderer written from docs/protocol.md with a raw socket, as a hostile or broken local process would speak it:
 * it can send any bytes, claim any length, and choose not to read. Blocking, one thread at a time.
 */
final class TestPeer implements AutoCloseable {
  /** A codec with no record or enum codecs: these tests send none. */
  static final ValueCodec CODEC = new ValueCodec(new CodecRegistry());

  final SocketChannel channel;
  /** The renderer id the host's WELCOME gave, once {@link #authenticate} has run. */
  int rendererId;
  /** The host's default deadline in milliseconds, from its WELCOME. */
  long defaultDeadlineMillis;
  /** How long the host tells renderers to spin before parking, in nanoseconds, from its WELCOME. */
  long spinNanos;
  /** Where the admitted peer's {@code WebContents} appears on the host side. */
  final CompletableFuture<WebContents> admitted;
  private final byte[] secret;

  private TestPeer(SocketChannel channel, Ticket ticket) {
    this.channel = channel;
    this.secret = ticket == null ? null : ticket.secret;
    this.admitted = ticket == null ? new CompletableFuture<>()
        : ticket.admitted.thenApply(ConnectedRenderer::webContents);
  }

  /** Connects without a ticket: the peer can only try the handshake. */
  static TestPeer connect(IpcHost host) throws IOException {
    return new TestPeer(HostAccess.server(host).endpoint().connect(), null);
  }

  /** Connects with a fresh ticket of the host's and completes the handshake. */
  static TestPeer authenticated(IpcHost host) throws Exception {
    TestPeer peer = ticketed(host);
    peer.authenticate();
    return peer;
  }

  /** Connects with a fresh ticket of the host's, and sends nothing yet. */
  static TestPeer ticketed(IpcHost host) throws IOException {
    SocketServer server = HostAccess.server(host);
    return new TestPeer(server.endpoint().connect(), server.expectPeer());
  }

  /** Sends HELLO with the ticket's secret. */
  void hello() throws IOException {
    write(Frames.hello(secret));
  }

  /**
   * Connects with a fresh ticket that names {@code process} as the peer's process, as a launched child's ticket
   * does, and completes the handshake: the host then treats the peer as that process's renderer.
   */
  static TestPeer authenticatedAs(IpcHost host, Process process) throws Exception {
    SocketServer server = HostAccess.server(host);
    Ticket ticket = server.expectPeer();
    ticket.process = process;
    TestPeer peer = new TestPeer(server.endpoint().connect(), ticket);
    peer.authenticate();
    return peer;
  }

  /** Sends HELLO with the ticket's secret and reads WELCOME. */
  void authenticate() throws Exception {
    hello();
    ByteBuffer welcome = readFrame(Duration.ofSeconds(10));
    if ((welcome.get() & 0xff) != Frames.WELCOME) {
      throw new IOException("expected WELCOME");
    }
    rendererId = welcome.getInt();
    welcome.getInt(); // the process id
    defaultDeadlineMillis = welcome.getLong();
    spinNanos = welcome.getLong();
  }

  /** Writes bytes as they are, all of them (blocking). */
  void write(ByteBuffer... buffers) throws IOException {
    for (ByteBuffer b : buffers) {
      while (b.hasRemaining()) {
        channel.write(b);
      }
    }
  }

  void write(byte[] bytes) throws IOException {
    write(ByteBuffer.wrap(bytes));
  }

  /** An INVOKE frame from the main frame, waiting 30 s, with an already encoded argument array as its payload. */
  static ByteBuffer invoke(long callId, String channel, byte[] payload) {
    return invoke(callId, channel, 30_000, payload);
  }

  /** An INVOKE frame from the main frame whose caller waits {@code timeoutMillis}. */
  static ByteBuffer invoke(long callId, String channel, long timeoutMillis, byte[] payload) {
    return frame(Frames.INVOKE, callId, Message.MAIN_FRAME_ID, channel, payload, timeoutMillis);
  }

  /** A CANCEL frame: the caller of {@code callId} stopped waiting. */
  static ByteBuffer cancel(long callId) {
    return ByteBuffer.allocate(4 + 1 + 8).putInt(9).put((byte) Frames.CANCEL).putLong(callId).flip();
  }

  /** A SEND_SYNC frame from the main frame. */
  static ByteBuffer sendSync(long callId, String channel, byte[] payload) {
    return frame(Frames.SEND_SYNC, callId, Message.MAIN_FRAME_ID, channel, payload, -1);
  }

  /** A SEND frame from the main frame. */
  static ByteBuffer send(String channel, byte[] payload) {
    return frame(Frames.SEND, -1, Message.MAIN_FRAME_ID, channel, payload, -1);
  }

  /** A CALL_REPLY frame: the renderer's answer to the host's call {@code callId}. */
  static ByteBuffer callReply(long callId, boolean ok, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(4 + 1 + 9 + payload.length);
    return b.putInt(1 + 9 + payload.length).put((byte) Frames.CALL_REPLY).putLong(callId).put((byte) (ok ? 1 : 0))
        .put(payload).flip();
  }

  /** The frame of a message, as the host's codec writes it (header and payload in one buffer). */
  static ByteBuffer frame(Message message) {
    ByteBuffer header = Frames.header(message);
    byte[] payload = Frames.payload(message);
    ByteBuffer whole = ByteBuffer.allocate(header.remaining() + (payload == null ? 0 : payload.length));
    whole.put(header);
    if (payload != null) {
      whole.put(payload);
    }
    return whole.flip();
  }

  /** Appends a message's frame to frames that are to be written in one go. */
  static void append(java.io.ByteArrayOutputStream out, Message message) {
    ByteBuffer frame = frame(message);
    out.write(frame.array(), frame.position(), frame.remaining());
  }

  /** Port id {@code n} of this peer: ids a renderer makes carry its renderer id in their high 32 bits. */
  long portId(int n) {
    return ((long) rendererId << 32) | n;
  }

  /** The encoding of call arguments, for {@link #invoke} and {@link #send}. */
  static byte[] args(Object... args) {
    return CODEC.encodeArgs(args);
  }

  /** @param timeoutMillis an INVOKE's timeout, after the channel; -1 for frames without one */
  private static ByteBuffer frame(int type, long callId, int frameId, String channel, byte[] payload,
      long timeoutMillis) {
    byte[] utf8 = channel.getBytes(StandardCharsets.UTF_8);
    int fields = (callId >= 0 ? 8 : 0) + 4 + 4 + utf8.length + (timeoutMillis >= 0 ? 8 : 0);
    ByteBuffer b = ByteBuffer.allocate(4 + 1 + fields + payload.length);
    b.putInt(1 + fields + payload.length).put((byte) type);
    if (callId >= 0) {
      b.putLong(callId);
    }
    b.putInt(frameId).putInt(utf8.length).put(utf8);
    if (timeoutMillis >= 0) {
      b.putLong(timeoutMillis);
    }
    return b.put(payload).flip();
  }

  /**
   * Reads one whole frame (blocking, at most {@code within}).
   *
   * @return its body, positioned at the type byte
   */
  ByteBuffer readFrame(Duration within) throws Exception {
    return CompletableFuture.supplyAsync(() -> {
      try {
        ByteBuffer length = ByteBuffer.allocate(4);
        readFully(length);
        ByteBuffer body = ByteBuffer.allocate(length.flip().getInt());
        readFully(body);
        return body.flip();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).get(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Reads frames until a REPLY arrives (within the time given).
   *
   * @return the REPLY: its call id, whether it succeeded, and its decoded payload
   */
  Reply readReply(Duration within) throws Exception {
    long end = System.nanoTime() + within.toNanos();
    while (true) {
      ByteBuffer body = readFrame(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
      if ((body.get() & 0xff) != Frames.REPLY) {
        continue;
      }
      long callId = body.getLong();
      boolean ok = body.get() == 1;
      byte[] payload = new byte[body.remaining()];
      body.get(payload);
      return new Reply(callId, ok, ok ? CODEC.decodeValue(payload) : CODEC.decodeArgs(payload));
    }
  }

  /** A decoded REPLY: a value, or for a failure the array {@code [type, message]}. */
  record Reply(long callId, boolean ok, Object value) {}

  /** Whether the host closed this connection within the time given (reading and dropping whatever comes). */
  boolean hostHangsUpWithin(Duration within) throws Exception {
    CompletableFuture<Boolean> eof = CompletableFuture.supplyAsync(() -> {
      ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
      try {
        while (channel.read(sink.clear()) >= 0) {
          // drop it
        }
        return true;
      } catch (IOException e) {
        return true; // reset by the host
      }
    });
    try {
      return eof.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  private void readFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b) < 0) {
        throw new EOFException("the host closed the connection");
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
