package io.ipc4j.internal.socket;

import io.ipc4j.internal.Message;
import java.nio.ByteBuffer;

/**
 * The frames of streams, in the layout {@link Frames} describes: 0x16–0x19 from a renderer, 0x24–0x27 from the host.
 * A stream opened by a renderer (STREAM) gets its items and end from the host (STREAM_ITEM, STREAM_END) and sends
 * its requests (STREAM_REQUEST); one opened by the host (CALL_STREAM) the other way round. Each side's ids are its
 * own, as for INVOKE and CALL.
 */
final class StreamFrames {
  private StreamFrames() {}

  /** The header of a stream's message, or null if it is not one. */
  static ByteBuffer header(Message message) {
    if (message instanceof Message.Stream m) {
      return Frames.routed(Frames.STREAM, m.callId(), m.frameId(), m.channel(), m.payload(), 0).flip();
    } else if (message instanceof Message.CallStream m) {
      return Frames.routed(Frames.CALL_STREAM, m.callId(), m.frameId(), m.channel(), m.payload(), 0).flip();
    } else if (message instanceof Message.StreamRequest m) {
      return Frames.start(Frames.STREAM_REQUEST, 16, 0).putLong(m.callId()).putLong(m.n()).flip();
    } else if (message instanceof Message.CallStreamRequest m) {
      return Frames.start(Frames.CALL_STREAM_REQUEST, 16, 0).putLong(m.callId()).putLong(m.n()).flip();
    } else if (message instanceof Message.StreamItem m) {
      return Frames.start(Frames.STREAM_ITEM, 8, m.payload().length).putLong(m.callId()).flip();
    } else if (message instanceof Message.CallStreamItem m) {
      return Frames.start(Frames.CALL_STREAM_ITEM, 8, m.payload().length).putLong(m.callId()).flip();
    } else if (message instanceof Message.StreamEnd m) {
      return Frames.reply(Frames.STREAM_END, m.callId(), m.ok(), m.payload());
    } else if (message instanceof Message.CallStreamEnd m) {
      return Frames.reply(Frames.CALL_STREAM_END, m.callId(), m.ok(), m.payload());
    }
    return null;
  }

  /**
   * The fields of a stream frame without an outcome flag (the ends are read as replies are).
   *
   * @throws Frames.ProtocolException if a request asks for no items
   */
  static Frames.Head head(int type, ByteBuffer fields) throws Frames.ProtocolException {
    long callId = fields.getLong();
    if (type == Frames.STREAM || type == Frames.CALL_STREAM) {
      return new Frames.Head(type, callId, fields.getInt(), Frames.readString(fields), false);
    }
    if (type == Frames.STREAM_REQUEST || type == Frames.CALL_STREAM_REQUEST) {
      long n = fields.getLong();
      if (n <= 0) {
        throw new Frames.ProtocolException(FrameNames.of(type) + " asking for " + n + " items");
      }
      return new Frames.Head(type, callId, -1, null, false, n); // the count rides in the timeout's field
    }
    return new Frames.Head(type, callId, -1, null, false); // an item: its payload follows
  }

  /** The message of a stream frame. */
  static Message message(Frames.Head head, byte[] payload) {
    long callId = head.callId();
    return switch (head.type()) {
      case Frames.STREAM -> new Message.Stream(callId, head.frameId(), head.channel(), payload);
      case Frames.CALL_STREAM -> new Message.CallStream(callId, head.frameId(), head.channel(), payload);
      case Frames.STREAM_REQUEST -> new Message.StreamRequest(callId, head.timeoutMillis());
      case Frames.CALL_STREAM_REQUEST -> new Message.CallStreamRequest(callId, head.timeoutMillis());
      case Frames.STREAM_ITEM -> new Message.StreamItem(callId, payload);
      case Frames.CALL_STREAM_ITEM -> new Message.CallStreamItem(callId, payload);
      case Frames.STREAM_END -> new Message.StreamEnd(callId, head.ok(), payload);
      case Frames.CALL_STREAM_END -> new Message.CallStreamEnd(callId, head.ok(), payload);
      default -> throw new IllegalArgumentException("not a stream frame: 0x" + Integer.toHexString(head.type()));
    };
  }
}
