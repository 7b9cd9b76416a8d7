package io.ipc4j.internal.socket;

import io.ipc4j.internal.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The frames of the socket transport.
 *
 * <h2>Frame</h2>
 * Every frame is a 4-byte big-endian length {@code n} (of what follows, {@code 1 <= n <= maxFrameBytes}), then
 * one type byte, then the type's fields. Integers are big-endian; a {@code str} is a 4-byte length and that many
 * UTF-8 bytes; {@code payload} is every remaining byte of the frame (a value-codec encoding).
 *
 * <pre>
 * type  name        direction        fields
 * 0x01  HELLO       renderer → host  magic "IPC4J" (5 bytes), u16 version, u8 secret length, secret bytes
 * 0x02  WELCOME     host → renderer  i32 renderer id, i32 process id, i64 default timeout (ms), i64 spin (ns)
 * 0x10  SEND        renderer → host  i32 frame id, str channel, payload (the arguments)
 * 0x11  SEND_SYNC   renderer → host  i64 call id, i32 frame id, str channel, payload
 * 0x12  INVOKE      renderer → host  i64 call id, i32 frame id, str channel, i64 timeout (ms), payload
 * 0x13  OPEN_FRAME  renderer → host  i64 call id (answered by REPLY whose payload is the new frame id)
 * 0x14  CALL_REPLY  renderer → host  i64 call id, u8 ok (1) or failed (0), payload (the answer to a CALL)
 * 0x15  CANCEL      renderer → host  i64 call id (the caller of that INVOKE stopped waiting, or that STREAM is
 *                                    cancelled; no answer but the STREAM's STREAM_END)
 * 0x16  STREAM      renderer → host  i64 call id, i32 frame id, str channel, payload (ipcRenderer.stream)
 * 0x17  STREAM_REQUEST    r → host   i64 call id, i64 n &gt; 0 (the STREAM's subscriber asks for n more items)
 * 0x18  CALL_STREAM_ITEM  r → host   i64 call id, payload (one item of a CALL_STREAM)
 * 0x19  CALL_STREAM_END   r → host   i64 call id, u8 ok (1) or failed (0), payload (empty, or [type, message])
 * 0x1A  PORT_CHANNEL renderer → host i64 port id, i64 port id (the renderer made an entangled pair)
 * 0x1B  PORT_POST   renderer → host  i64 port id, ports, payload (a message posted on a port it holds)
 * 0x1C  PORT_CLOSE  renderer → host  i64 port id (it closed that port, or took note that its peer did)
 * 0x1D  POST_MESSAGE renderer → host i32 frame id, str channel, ports, payload (ipcRenderer.postMessage)
 * 0x1E  PORT_RETURN renderer → host  i64 port id, ports, payload (a PORT_MESSAGE for a port it gave away)
 * 0x20  PUSH        host → renderer  i32 frame id, str channel, payload
 * 0x21  REPLY       host → renderer  i64 call id, u8 ok (1) or failed (0), payload (value, or [type, message])
 * 0x22  CALL        host → renderer  i64 call id, i32 frame id, str channel, i64 timeout (ms), payload
 *                                    (webContents.invoke)
 * 0x23  CALL_CANCEL host → renderer  i64 call id (the host stopped waiting for that CALL, or cancels that
 *                                    CALL_STREAM; no answer but the CALL_STREAM's CALL_STREAM_END)
 * 0x24  CALL_STREAM host → renderer  i64 call id, i32 frame id, str channel, payload (webContents.stream)
 * 0x25  CALL_STREAM_REQUEST h → r    i64 call id, i64 n &gt; 0
 * 0x26  STREAM_ITEM       h → r      i64 call id, payload (one item of a STREAM)
 * 0x27  STREAM_END        h → r      i64 call id, u8 ok (1) or failed (0), payload (empty, or [type, message])
 * 0x28  PORT_MESSAGE host → renderer i64 port id, ports, payload (a message for a port it holds)
 * 0x29  PORT_CLOSED host → renderer  i64 port id (that port's peer closed, or its holder went away)
 * 0x2A  POST_TO_FRAME host → renderer i32 frame id, str channel, ports, payload (webContents.postMessage)
 * 0x30  GOODBYE     host → renderer  (no fields): the host closes this renderer; the process should exit
 * </pre>
 *
 * A type with its high bit set ({@link #AS_IS}) is SEND, PUSH, INVOKE, CALL, REPLY (ok only) or CALL_REPLY (ok
 * only) whose payload is not a value-codec encoding but the bytes of one {@code byte[]} as they are: the only
 * argument, or the answer (see {@link Message.WithPayload#asIs}). Any other type with that bit is unknown.
 *
 * {@code ports} is a u8 count {@code n} (at most {@value PortFrames#MAX_TRANSFER}) and {@code n} i64 port ids: the
 * ports that travel with the message (see {@link PortFrames}).
 *
 * A connection starts with HELLO; anything else first, a wrong magic, version or secret, or silence past the
 * handshake deadline closes it. Before the handshake a frame may be at most {@value #MAX_HELLO_BYTES} bytes.
 */
final class Frames {
  static final byte[] MAGIC = "IPC4J".getBytes(StandardCharsets.US_ASCII);
  /** 3: SEND, PUSH, INVOKE, CALL, REPLY and CALL_REPLY may carry one array as it is ({@link #AS_IS}). */
  static final int VERSION = 3;
  static final int MAX_HELLO_BYTES = 256;

  static final int HELLO = 0x01;
  static final int WELCOME = 0x02;
  static final int SEND = 0x10;
  static final int SEND_SYNC = 0x11;
  static final int INVOKE = 0x12;
  static final int OPEN_FRAME = 0x13;
  static final int CALL_REPLY = 0x14;
  static final int CANCEL = 0x15;
  static final int STREAM = 0x16;
  static final int STREAM_REQUEST = 0x17;
  static final int CALL_STREAM_ITEM = 0x18;
  static final int CALL_STREAM_END = 0x19;
  static final int PORT_CHANNEL = 0x1A;
  static final int PORT_POST = 0x1B;
  static final int PORT_CLOSE = 0x1C;
  static final int POST_MESSAGE = 0x1D;
  static final int PORT_RETURN = 0x1E;
  static final int PUSH = 0x20;
  static final int REPLY = 0x21;
  static final int CALL = 0x22;
  static final int CALL_CANCEL = 0x23;
  static final int CALL_STREAM = 0x24;
  static final int CALL_STREAM_REQUEST = 0x25;
  static final int STREAM_ITEM = 0x26;
  static final int STREAM_END = 0x27;
  static final int PORT_MESSAGE = 0x28;
  static final int PORT_CLOSED = 0x29;
  static final int POST_TO_FRAME = 0x2A;
  static final int GOODBYE = 0x30;
  /** The bit that marks a call's or an answer's payload as one {@code byte[]} as it is. */
  static final int AS_IS = 0x80;

  private Frames() {}

  /** The header of a message frame (length, type, fixed fields, channel); the payload follows it unchanged. */
  static ByteBuffer header(Message message) {
    ByteBuffer ports = PortFrames.header(message);
    if (ports != null) {
      return ports;
    }
    int bit = message instanceof Message.WithPayload w && w.asIs() ? AS_IS : 0; // the high bit of a payload as it is
    if (message instanceof Message.Send m) {
      return routed(SEND | bit, -1, m.frameId(), m.channel(), m.payload(), 0).flip();
    } else if (message instanceof Message.SendSync m) {
      return routed(SEND_SYNC, m.callId(), m.frameId(), m.channel(), m.payload(), 0).flip();
    } else if (message instanceof Message.Invoke m) {
      ByteBuffer b = routed(INVOKE | bit, m.callId(), m.frameId(), m.channel(), m.payload(), 8);
      return b.putLong(m.timeoutMillis()).flip();
    } else if (message instanceof Message.Push m) {
      return routed(PUSH | bit, -1, m.frameId(), m.channel(), m.payload(), 0).flip();
    } else if (message instanceof Message.CallRenderer m) {
      return routed(CALL | bit, m.callId(), m.frameId(), m.channel(), m.payload(), 8).putLong(m.timeoutMillis()).flip();
    } else if (message instanceof Message.OpenFrame m) {
      return start(OPEN_FRAME, 8, 0).putLong(m.callId()).flip();
    } else if (message instanceof Message.Cancel m) {
      return start(CANCEL, 8, 0).putLong(m.callId()).flip();
    } else if (message instanceof Message.CancelCall m) {
      return start(CALL_CANCEL, 8, 0).putLong(m.callId()).flip();
    } else if (message instanceof Message.Reply m) {
      return reply(REPLY | bit, m.callId(), m.ok(), m.payload());
    } else if (message instanceof Message.RendererReply m) {
      return reply(CALL_REPLY | bit, m.callId(), m.ok(), m.payload());
    }
    ByteBuffer stream = StreamFrames.header(message);
    if (stream != null) {
      return stream;
    }
    throw new IllegalArgumentException("not a wire message: " + message);
  }

  /** A frame that answers a call: call id, outcome. */
  static ByteBuffer reply(int type, long callId, boolean ok, byte[] payload) {
    return start(type, 9, payload.length).putLong(callId).put((byte) (ok ? 1 : 0)).flip();
  }

  /**
   * A frame addressed to a frame id on a channel: [call id,] frame id, channel; positioned after them, with room for
   * {@code extra} bytes of fields the caller puts before flipping it.
   */
  static ByteBuffer routed(int type, long callId, int frameId, String channel, byte[] payload, int extra) {
    byte[] utf8 = channel.getBytes(StandardCharsets.UTF_8);
    int fields = (callId >= 0 ? 8 : 0) + 4 + 4 + utf8.length + extra;
    ByteBuffer b = start(type, fields, payload.length);
    if (callId >= 0) {
      b.putLong(callId);
    }
    return b.putInt(frameId).putInt(utf8.length).put(utf8);
  }

  /** The payload that follows {@link #header}, or null when the message has none. */
  static byte[] payload(Message message) {
    return message instanceof Message.WithPayload m ? m.payload() : null;
  }

  static ByteBuffer hello(byte[] secret) {
    return start(HELLO, MAGIC.length + 3 + secret.length, 0).put(MAGIC).putShort((short) VERSION)
        .put((byte) secret.length).put(secret).flip();
  }

  static ByteBuffer welcome(int rendererId, int processId, long timeoutMillis, long spinNanos) {
    return start(WELCOME, 24, 0).putInt(rendererId).putInt(processId).putLong(timeoutMillis).putLong(spinNanos)
        .flip();
  }

  static ByteBuffer goodbye() {
    return start(GOODBYE, 0, 0).flip();
  }

  /**
   * The fields of a frame that come before its payload.
   *
   * @param type the frame type
   * @param callId the call id, or -1 for types without one
   * @param frameId the frame id, or -1 for types without one
   * @param channel the channel, or null for types without one
   * @param ok a REPLY's outcome
   * @param timeoutMillis an INVOKE's or a CALL's timeout, else 0
   * @param ports the port ids a port frame carries, else null (a port frame's own port id is its call id)
   * @param asIs whether the payload is one array as it is ({@link #AS_IS})
   */
  record Head(int type, long callId, int frameId, String channel, boolean ok, long timeoutMillis, long[] ports,
      boolean asIs) {
    Head(int type, long callId, int frameId, String channel, boolean ok, long timeoutMillis, long[] ports) {
      this(type, callId, frameId, channel, ok, timeoutMillis, ports, false);
    }

    Head(int type, long callId, int frameId, String channel, boolean ok) {
      this(type, callId, frameId, channel, ok, 0);
    }

    Head(int type, long callId, int frameId, String channel, boolean ok, long timeoutMillis) {
      this(type, callId, frameId, channel, ok, timeoutMillis, null);
    }
  }

  /**
   * Reads the fields of a frame after its type byte, leaving {@code fields} at the start of the payload.
   *
   * @throws ProtocolException for an unknown type or fields that do not fit
   */
  static Head head(int type, ByteBuffer fields) throws ProtocolException {
    int base = type & ~AS_IS;
    if (base != type) {
      if (base != SEND && base != PUSH && base != INVOKE && base != CALL && base != REPLY && base != CALL_REPLY) {
        throw new ProtocolException("unknown frame type 0x" + Integer.toHexString(type));
      }
      Head h = head(base, fields);
      if ((base == REPLY || base == CALL_REPLY) && !h.ok()) {
        throw new ProtocolException("a failed " + FrameNames.of(base) + " with its payload as it is");
      }
      return new Head(base, h.callId(), h.frameId(), h.channel(), h.ok(), h.timeoutMillis(), null, true);
    }
    try {
      return switch (type) {
        case SEND, PUSH -> new Head(type, -1, fields.getInt(), readString(fields), false);
        case STREAM, CALL_STREAM, STREAM_REQUEST, CALL_STREAM_REQUEST, STREAM_ITEM, CALL_STREAM_ITEM ->
            StreamFrames.head(type, fields);
        case INVOKE, CALL -> {
          long callId = fields.getLong();
          int frameId = fields.getInt();
          String channel = readString(fields);
          long timeoutMillis = fields.getLong();
          if (timeoutMillis <= 0) {
            throw new ProtocolException((type == INVOKE ? "INVOKE" : "CALL") + " with timeout " + timeoutMillis
                + " ms");
          }
          yield new Head(type, callId, frameId, channel, false, timeoutMillis);
        }
        case SEND_SYNC -> {
          long callId = fields.getLong();
          yield new Head(type, callId, fields.getInt(), readString(fields), false);
        }
        case OPEN_FRAME, CANCEL, CALL_CANCEL -> new Head(type, fields.getLong(), -1, null, false);
        case REPLY, CALL_REPLY, STREAM_END, CALL_STREAM_END -> {
          long callId = fields.getLong();
          int ok = fields.get();
          if (ok != 0 && ok != 1) {
            throw new ProtocolException(FrameNames.of(type) + " with ok flag " + ok);
          }
          yield new Head(type, callId, -1, null, ok == 1);
        }
        case GOODBYE -> new Head(type, -1, -1, null, false);
        case PORT_CHANNEL, PORT_POST, PORT_CLOSE, POST_MESSAGE, PORT_RETURN, PORT_MESSAGE, PORT_CLOSED,
            POST_TO_FRAME -> PortFrames.head(type, fields);
        default -> throw new ProtocolException("unknown frame type 0x" + Integer.toHexString(type));
      };
    } catch (java.nio.BufferUnderflowException e) {
      throw new ProtocolException("frame of type 0x" + Integer.toHexString(type) + " is too short");
    }
  }

  /**
   * The message a frame carries.
   *
   * @throws ProtocolException if the type carries no message, or has a payload it should not
   */
  static Message message(Head head, byte[] payload) throws ProtocolException {
    Message message = switch (head.type()) {
      case SEND -> new Message.Send(head.frameId(), head.channel(), payload, head.asIs());
      case SEND_SYNC -> new Message.SendSync(head.callId(), head.frameId(), head.channel(), payload);
      case INVOKE -> new Message.Invoke(head.callId(), head.frameId(), head.channel(), head.timeoutMillis(), payload,
          head.asIs());
      case PUSH -> new Message.Push(head.frameId(), head.channel(), payload, head.asIs());
      case REPLY -> new Message.Reply(head.callId(), head.ok(), payload, head.asIs());
      case CALL ->
          new Message.CallRenderer(head.callId(), head.frameId(), head.channel(), head.timeoutMillis(), payload,
              head.asIs());
      case CALL_REPLY -> new Message.RendererReply(head.callId(), head.ok(), payload, head.asIs());
      case OPEN_FRAME -> new Message.OpenFrame(head.callId());
      case CANCEL -> new Message.Cancel(head.callId());
      case CALL_CANCEL -> new Message.CancelCall(head.callId());
      case STREAM, CALL_STREAM, STREAM_REQUEST, CALL_STREAM_REQUEST, STREAM_ITEM, CALL_STREAM_ITEM, STREAM_END,
          CALL_STREAM_END -> StreamFrames.message(head, payload);
      case PORT_CHANNEL, PORT_POST, PORT_CLOSE, POST_MESSAGE, PORT_RETURN, PORT_MESSAGE, PORT_CLOSED, POST_TO_FRAME ->
          PortFrames.message(head, payload);
      default -> throw new ProtocolException("frame type 0x%x carries no message".formatted(head.type()));
    };
    if (payload.length != 0 && payload(message) == null) { // a frame of fixed fields only
      throw new ProtocolException(payload.length + " bytes left over in " + (head.type() == OPEN_FRAME ? "an " : "a ")
          + FrameNames.of(head.type()) + " frame");
    }
    return message;
  }

  /**
   * The message a frame carries, which must go the way this end expects: a peer that sends the other way breaks the
   * protocol.
   *
   * @param expected the direction of the messages this end receives
   * @throws ProtocolException if the frame carries no message, or one that goes the other way
   */
  static Message message(Head head, byte[] payload, Message.Direction expected) throws ProtocolException {
    Message message = message(head, payload);
    if (message.direction() != expected) {
      throw new ProtocolException(expected == Message.Direction.TO_MAIN ? "a renderer sent a host-to-renderer frame"
          : "the host sent a renderer-to-host frame");
    }
    return message;
  }

  /**
   * Reads one whole frame body (after length and type) into a {@link Message}.
   *
   * @param body the fields and payload, positioned after the type byte, limited to the frame
   * @throws ProtocolException if the fields do not fit the type
   */
  static Message decode(int type, ByteBuffer body) throws ProtocolException {
    Head head = head(type, body);
    return message(head, rest(body));
  }

  static String readString(ByteBuffer body) throws ProtocolException {
    int n = body.getInt();
    if (n < 0 || n > body.remaining()) {
      throw new ProtocolException("channel length " + n + " with " + body.remaining() + " bytes left");
    }
    String s = new String(body.array(), body.arrayOffset() + body.position(), n, StandardCharsets.UTF_8);
    body.position(body.position() + n);
    return s;
  }

  private static byte[] rest(ByteBuffer body) {
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    return bytes;
  }

  static ByteBuffer start(int type, int fieldBytes, int payloadBytes) {
    long length = 1L + fieldBytes + payloadBytes;
    if (length > Integer.MAX_VALUE) {
      throw new io.ipc4j.IpcException("A message of " + length + " bytes is too large to send");
    }
    return ByteBuffer.allocate(5 + fieldBytes).putInt((int) length).put((byte) type);
  }

  /** A peer broke the protocol; its connection is closed. */
  static final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
      super(message);
    }
  }
}
