package io.ipc4j.internal.socket;

import io.ipc4j.internal.Message;
import java.nio.ByteBuffer;

/**
 * The MessagePort frames of the socket transport (their rows are in {@link Frames}' table). A frame that names one
 * port carries its id where other frames carry a call id; a frame that moves ports carries them after its fixed
 * fields as {@code ports}: a u8 count, at most {@value #MAX_TRANSFER}, then that many i64 port ids.
 */
final class PortFrames {
  /** The most ports one message may carry: a frame's fields stay small, whatever a peer claims. */
  static final int MAX_TRANSFER = Message.MAX_TRANSFER;

  private PortFrames() {}

  /** The header of a port frame, or null if {@code message} is not one. */
  static ByteBuffer header(Message message) {
    if (message instanceof Message.PortPost m) {
      return withPorts(Frames.start(Frames.PORT_POST, 8 + portBytes(m.transfer()), m.payload().length)
          .putLong(m.portId()), m.transfer());
    } else if (message instanceof Message.PortDeliver m) {
      return withPorts(Frames.start(Frames.PORT_MESSAGE, 8 + portBytes(m.transfer()), m.payload().length)
          .putLong(m.portId()), m.transfer());
    } else if (message instanceof Message.PortReturn m) {
      return withPorts(Frames.start(Frames.PORT_RETURN, 8 + portBytes(m.transfer()), m.payload().length)
          .putLong(m.portId()), m.transfer());
    } else if (message instanceof Message.PostMessage m) {
      return withPorts(Frames.routed(Frames.POST_MESSAGE, -1, m.frameId(), m.channel(), m.payload(),
          portBytes(m.transfer())), m.transfer());
    } else if (message instanceof Message.PostToRenderer m) {
      return withPorts(Frames.routed(Frames.POST_TO_FRAME, -1, m.frameId(), m.channel(), m.payload(),
          portBytes(m.transfer())), m.transfer());
    } else if (message instanceof Message.PortChannel m) {
      return Frames.start(Frames.PORT_CHANNEL, 16, 0).putLong(m.port1()).putLong(m.port2()).flip();
    } else if (message instanceof Message.PortClose m) {
      return Frames.start(Frames.PORT_CLOSE, 8, 0).putLong(m.portId()).flip();
    } else if (message instanceof Message.PortClosed m) {
      return Frames.start(Frames.PORT_CLOSED, 8, 0).putLong(m.portId()).flip();
    }
    return null;
  }

  private static int portBytes(long[] ports) {
    if (ports.length > MAX_TRANSFER) { // the API refuses more first: this is a last guard
      throw new IllegalArgumentException(ports.length + " ports in one message (at most " + MAX_TRANSFER + ")");
    }
    return 1 + 8 * ports.length;
  }

  private static ByteBuffer withPorts(ByteBuffer b, long[] ports) {
    b.put((byte) ports.length);
    for (long id : ports) {
      b.putLong(id);
    }
    return b.flip();
  }

  /** Reads a port frame's fields; the caller turns a buffer underflow into a {@link Frames.ProtocolException}. */
  static Frames.Head head(int type, ByteBuffer fields) throws Frames.ProtocolException {
    return switch (type) {
      case Frames.PORT_CHANNEL -> {
        long port1 = fields.getLong();
        yield new Frames.Head(type, port1, -1, null, false, fields.getLong(), null); // port2 in the timeout's place
      }
      case Frames.PORT_CLOSE, Frames.PORT_CLOSED -> new Frames.Head(type, fields.getLong(), -1, null, false);
      case Frames.POST_MESSAGE, Frames.POST_TO_FRAME -> {
        int frameId = fields.getInt();
        String channel = Frames.readString(fields);
        yield new Frames.Head(type, -1, frameId, channel, false, 0, ports(type, fields));
      }
      default -> {
        long portId = fields.getLong();
        yield new Frames.Head(type, portId, -1, null, false, 0, ports(type, fields));
      }
    };
  }

  private static long[] ports(int type, ByteBuffer fields) throws Frames.ProtocolException {
    int n = fields.get() & 0xff;
    if (n > MAX_TRANSFER) {
      throw new Frames.ProtocolException(FrameNames.of(type) + " with " + n + " ports (at most " + MAX_TRANSFER + ")");
    }
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = fields.getLong();
    }
    return ids;
  }

  /** The message of a port frame whose head {@link #head} read. */
  static Message message(Frames.Head head, byte[] payload) {
    return switch (head.type()) {
      case Frames.PORT_CHANNEL -> new Message.PortChannel(head.callId(), head.timeoutMillis());
      case Frames.PORT_POST -> new Message.PortPost(head.callId(), head.ports(), payload);
      case Frames.PORT_CLOSE -> new Message.PortClose(head.callId());
      case Frames.POST_MESSAGE -> new Message.PostMessage(head.frameId(), head.channel(), head.ports(), payload);
      case Frames.PORT_RETURN -> new Message.PortReturn(head.callId(), head.ports(), payload);
      case Frames.PORT_MESSAGE -> new Message.PortDeliver(head.callId(), head.ports(), payload);
      case Frames.PORT_CLOSED -> new Message.PortClosed(head.callId());
      default -> new Message.PostToRenderer(head.frameId(), head.channel(), head.ports(), payload);
    };
  }
}
