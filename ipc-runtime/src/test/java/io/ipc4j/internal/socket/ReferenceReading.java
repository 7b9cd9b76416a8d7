package io.ipc4j.internal.socket;

import io.ipc4j.internal.Message;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * docs/protocol.md read independently of the host's code: what a host must do with the frames a ticketed renderer
 * sends after its handshake, for {@link FrameFuzzTest}. Every frame type has its field layout (section 2), and the
 * renderer-to-host ones their rules: the frame ids a renderer has (section 3), the streams (section 3, "Streams")
 * and the ports it holds (section 5), which this reading keeps as the host must.
 *
 * <p>The host parses a frame's fields once its first {@link #WINDOW} bytes (or all of it, when shorter) have come,
 * and acts on the frame once all of it has: so a frame cut off by the end of the stream breaks the protocol only if
 * its fields were there and are wrong. Where the document leaves a choice, this reading says which one the host
 * makes: an id "new" to PORT_CHANNEL is one the host does not know now (it forgets an end once both sides are done
 * with it). The fuzzing host opens no stream on the renderer, so every CALL_STREAM_ITEM and CALL_STREAM_END is for
 * a stream that is not open.
 */
final class ReferenceReading {
  /** The bytes of a frame its fields must lie in (docs/protocol.md, section 2). */
  static final int WINDOW = 65_532;

  /** Field codes: i64, i32, str, i64 that must be positive, u8 ok flag, ports. */
  private static final Map<Integer, String> LAYOUT = new HashMap<>();
  /** The types whose frames are fields only: bytes after them break the protocol. */
  private static final List<Integer> FIELDS_ONLY = List.of(Frames.OPEN_FRAME, Frames.CANCEL, Frames.STREAM_REQUEST,
      Frames.PORT_CHANNEL, Frames.PORT_CLOSE);

  static {
    LAYOUT.put(Frames.SEND, "IS");
    LAYOUT.put(Frames.SEND_SYNC, "LIS");
    LAYOUT.put(Frames.INVOKE, "LIST");
    LAYOUT.put(Frames.OPEN_FRAME, "L");
    LAYOUT.put(Frames.CALL_REPLY, "LO");
    LAYOUT.put(Frames.CANCEL, "L");
    LAYOUT.put(Frames.STREAM, "LIS");
    LAYOUT.put(Frames.STREAM_REQUEST, "LT");
    LAYOUT.put(Frames.CALL_STREAM_ITEM, "L");
    LAYOUT.put(Frames.CALL_STREAM_END, "LO");
    LAYOUT.put(Frames.PORT_CHANNEL, "LL");
    LAYOUT.put(Frames.PORT_POST, "LP");
    LAYOUT.put(Frames.PORT_CLOSE, "L");
    LAYOUT.put(Frames.POST_MESSAGE, "ISP");
    LAYOUT.put(Frames.PORT_RETURN, "LP");
    // Host-to-renderer types: a renderer that sends one whole breaks the protocol, but its fields are read first.
    LAYOUT.put(Frames.PUSH, "IS");
    LAYOUT.put(Frames.REPLY, "LO");
    LAYOUT.put(Frames.CALL, "LIST");
    LAYOUT.put(Frames.CALL_CANCEL, "L");
    LAYOUT.put(Frames.CALL_STREAM, "LIS");
    LAYOUT.put(Frames.CALL_STREAM_REQUEST, "LT");
    LAYOUT.put(Frames.STREAM_ITEM, "L");
    LAYOUT.put(Frames.STREAM_END, "LO");
    LAYOUT.put(Frames.PORT_MESSAGE, "LP");
    LAYOUT.put(Frames.PORT_CLOSED, "L");
    LAYOUT.put(Frames.POST_TO_FRAME, "ISP");
    LAYOUT.put(Frames.GOODBYE, "");
    // The one argument, or an answer, as it is: the fields of the type without the high bit.
    for (int type : List.of(Frames.SEND, Frames.INVOKE, Frames.CALL_REPLY, Frames.PUSH, Frames.REPLY, Frames.CALL)) {
      LAYOUT.put(type | Frames.AS_IS, LAYOUT.get(type));
    }
  }

  /** Who holds a port end the host knows. */
  private enum Holder { RENDERER, MAIN, NOBODY }

  /** One end of a pair the renderer made, as the host keeps it. */
  private static final class Port {
    Port peer;
    Holder holder = Holder.RENDERER;
    boolean closed;
    /** Whether the renderer gave it away once: only then may it hand back a message for it. */
    boolean heldBefore;
    /** Whether the host no longer knows it. */
    boolean forgotten;
  }

  private final int maxFrame;
  private final int rendererId;
  /** The channels the host has listeners on. */
  private final Set<String> listened;
  /** The frame ids the renderer has: 1 to this. */
  private int frames = Message.MAIN_FRAME_ID;
  private final Map<Long, Port> ports = new HashMap<>();
  /** The ids of the renderer's streams the host still serves. */
  private final Set<Long> served = new java.util.HashSet<>();
  /** Per frame type read whole (or whose fields broke the protocol): {allowed, violations}. */
  final Map<Integer, int[]> verdicts = new TreeMap<>();

  /**
   * @param maxFrame the host's largest frame
   * @param rendererId the id the host gave the renderer
   * @param listened the channels the host has listeners on (a POST_MESSAGE on another closes its ports)
   */
  ReferenceReading(int maxFrame, int rendererId, Set<String> listened) {
    this.maxFrame = maxFrame;
    this.rendererId = rendererId;
    this.listened = listened;
  }

  /**
   * Reads a ticketed stream after its handshake.
   *
   * @return the first violation, or null if the host must take every frame
   */
  String read(byte[] stream) {
    ByteBuffer b = ByteBuffer.wrap(stream);
    while (b.remaining() >= 4) {
      int length = b.getInt();
      if (length < 1 || length > maxFrame) {
        return "length " + length;
      }
      ByteBuffer f = b.slice().limit(Math.min(length, b.remaining()));
      b.position(b.position() + f.limit());
      int arrived = f.limit();
      if (arrived < Math.min(length, WINDOW)) {
        return null; // the fields never all came: the host parsed nothing of it
      }
      int type = f.get() & 0xff;
      String violation = fieldsViolation(type, f.limit(Math.min(length, WINDOW)));
      if (violation == null && arrived < length) {
        return null; // its fields were fine and the rest never came
      }
      if (violation == null) {
        violation = frameViolation(type, f, length);
      }
      verdicts.computeIfAbsent(type, t -> new int[2])[violation == null ? 0 : 1]++;
      if (violation != null) {
        return FrameNames.of(type) + ": " + violation;
      }
    }
    return null;
  }

  /** The fields of a frame, read from {@code f} (at its first field, limited to the window), or null when fine. */
  private static String fieldsViolation(int type, ByteBuffer f) {
    String layout = LAYOUT.get(type);
    if (layout == null) {
      return "unknown type";
    }
    for (char field : layout.toCharArray()) {
      int need = switch (field) {
        case 'L', 'T' -> 8;
        case 'I', 'S' -> 4;
        default -> 1;
      };
      if (f.remaining() < need) {
        return "fields cut short";
      }
      switch (field) {
        case 'L' -> f.getLong();
        case 'I' -> f.getInt();
        case 'T' -> {
          long positive = f.getLong();
          if (positive <= 0) {
            return "timeout or count " + positive;
          }
        }
        case 'O' -> {
          int ok = f.get();
          if (ok != 0 && ok != 1) {
            return "ok flag " + ok;
          }
          if (ok == 0 && (type & Frames.AS_IS) != 0) {
            return "a failed answer as it is";
          }
        }
        case 'S' -> {
          int n = f.getInt();
          if (n < 0 || n > f.remaining()) {
            return "channel length " + n;
          }
          f.position(f.position() + n);
        }
        default -> { // ports
          int n = f.get() & 0xff;
          if (n > Message.MAX_TRANSFER || 8 * n > f.remaining()) {
            return n + " ports";
          }
          f.position(f.position() + 8 * n);
        }
      }
    }
    return null;
  }

  /** What the host does with a whole frame whose fields are fine: null if it takes it, else the violation. */
  private String frameViolation(int asSent, ByteBuffer f, int length) {
    int type = asSent & ~Frames.AS_IS; // a type with the high bit has a layout only if it may carry an array as it is
    if (type >= Frames.PUSH) {
      return "a host-to-renderer type";
    }
    int fieldsEnd = f.position();
    if (FIELDS_ONLY.contains(type) && fieldsEnd < length) {
      return (length - fieldsEnd) + " bytes after the fields";
    }
    f.position(1);
    return switch (type) {
      case Frames.SEND, Frames.POST_MESSAGE -> knownFrame(f.getInt(), type == Frames.SEND ? null : f);
      case Frames.SEND_SYNC -> knownFrame(f.getInt(9), null);
      case Frames.INVOKE, Frames.STREAM -> call(type, f, length);
      case Frames.CANCEL, Frames.STREAM_REQUEST -> { // either ends a stream the host serves (a request: its one item)
        served.remove(f.getLong(1));
        yield null;
      }
      case Frames.OPEN_FRAME -> {
        frames++;
        yield null;
      }
      case Frames.CALL_STREAM_ITEM, Frames.CALL_STREAM_END -> "a stream the host did not open";
      case Frames.PORT_CHANNEL -> channel(f.getLong(), f.getLong());
      case Frames.PORT_POST -> post(f.getLong(), f);
      case Frames.PORT_CLOSE -> close(f.getLong());
      case Frames.PORT_RETURN -> handBack(f.getLong(), f);
      default -> null; // CALL_REPLY, for no call of the host's: dropped
    };
  }

  /**
   * An INVOKE or STREAM: from a frame the renderer has, and with an id none of its calls in flight has. The fuzzed
   * host answers every INVOKE at once, so only its streams stay in flight: a STREAM on "echo" whose arguments decode
   * is served (one item, the first argument) until a request or a cancel ends it.
   */
  private String call(int type, ByteBuffer f, int length) {
    long id = f.getLong(1);
    String violation = knownFrame(f.getInt(9), null);
    if (violation != null) {
      return violation;
    }
    if (served.contains(id)) {
      return "call " + id + " while its call " + id + " was in flight";
    }
    if (type == Frames.STREAM && length <= f.limit()) {
      f.position(13);
      byte[] utf8 = new byte[f.getInt()];
      f.get(utf8);
      byte[] payload = new byte[f.remaining()];
      f.get(payload);
      if (new String(utf8, java.nio.charset.StandardCharsets.UTF_8).equals("echo") && decodes(payload)) {
        served.add(id);
      }
    }
    return null;
  }

  private static boolean decodes(byte[] payload) {
    try {
      TestPeer.CODEC.decodeArgs(payload);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A message from frame {@code frameId}; a POST_MESSAGE ({@code f} at its channel) moves its ports to main. */
  private String knownFrame(int frameId, ByteBuffer f) {
    if (frameId < Message.MAIN_FRAME_ID || frameId > frames) {
      return "frame id " + frameId;
    }
    if (f == null) {
      return null;
    }
    byte[] utf8 = new byte[f.getInt()];
    f.get(utf8);
    List<Port> carried = new ArrayList<>();
    String violation = transfer(f, 0, carried);
    if (violation != null) {
      return violation;
    }
    carried.forEach(this::toMain);
    if (!listened.contains(new String(utf8, java.nio.charset.StandardCharsets.UTF_8))) {
      for (Port p : carried) { // ports no listener can receive close
        if (!p.closed) {
          close(p);
        }
      }
    }
    return null;
  }

  private Port known(long id) {
    Port p = ports.get(id);
    return p == null || p.forgotten ? null : p;
  }

  private Port held(long id) {
    Port p = known(id);
    return p != null && p.holder == Holder.RENDERER ? p : null;
  }

  /** Reads a ports list: each must be held, listed once and not {@code source}; they are added to {@code carried}. */
  private String transfer(ByteBuffer f, long source, List<Port> carried) {
    for (int i = f.get() & 0xff; i > 0; i--) {
      long id = f.getLong();
      Port p = held(id);
      if (p == null || id == source || carried.contains(p)) {
        return "transferred port " + id;
      }
      carried.add(p);
    }
    return null;
  }

  private String channel(long id1, long id2) {
    for (long id : new long[] {id1, id2}) {
      if (id >>> 32 != rendererId || (int) id == 0 || known(id) != null || id1 == id2) {
        return "announced port " + id;
      }
    }
    Port a = new Port();
    Port b = new Port();
    a.peer = b;
    b.peer = a;
    ports.put(id1, a);
    ports.put(id2, b);
    return null;
  }

  private String post(long id, ByteBuffer f) {
    Port source = held(id);
    if (source == null) {
      return "posted on port " + id;
    }
    List<Port> carried = new ArrayList<>();
    String violation = transfer(f, id, carried);
    if (violation == null) {
      deliver(source.peer, carried);
    }
    return violation;
  }

  private String close(long id) {
    Port p = held(id);
    if (p == null) {
      return known(id) == null ? null : "closed port " + id + ", which main holds"; // forgotten: ignored
    }
    p.holder = Holder.NOBODY;
    close(p);
    return null;
  }

  private String handBack(long id, ByteBuffer f) {
    List<Port> carried = new ArrayList<>();
    String violation = transfer(f, id, carried);
    if (violation != null) {
      return violation;
    }
    Port p = known(id);
    if (p == null) {
      drop(carried); // forgotten meanwhile: the message goes nowhere
      return null;
    }
    if (p.holder == Holder.RENDERER || !p.heldBefore) {
      return "handed back port " + id + ", which it never gave away";
    }
    deliver(p, carried);
    return null;
  }

  private void deliver(Port target, List<Port> carried) {
    if (target.closed || target.holder == Holder.NOBODY) {
      drop(carried);
    } else if (target.holder == Holder.MAIN) {
      carried.forEach(this::toMain);
    } else {
      for (Port p : carried) { // to the renderer itself, which holds them again from that PORT_MESSAGE on
        p.heldBefore = true;
      }
    }
  }

  private void toMain(Port p) {
    p.heldBefore |= p.holder == Holder.RENDERER;
    p.holder = Holder.MAIN;
    if (p.closed) {
      p.forgotten = true;
    }
  }

  private void drop(List<Port> carried) {
    for (Port p : carried) {
      p.heldBefore = true;
      p.holder = Holder.NOBODY;
      close(p);
    }
  }

  /** An end closes: the host forgets it, and its peer learns it (a main-side or unheld peer is forgotten too). */
  private void close(Port p) {
    Port peer = p.peer;
    if (!p.closed && !peer.closed) {
      peer.closed = true;
      if (peer.holder != Holder.RENDERER) {
        peer.forgotten = true;
      }
    }
    p.closed = true;
    p.forgotten = true;
  }
}
