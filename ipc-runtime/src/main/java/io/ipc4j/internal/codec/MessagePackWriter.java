package io.ipc4j.internal.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes MessagePack into a growable byte array, choosing the smallest form of each value. */
final class MessagePackWriter {
  /**
   * From this many chars on, a string goes through the JDK's UTF-8 encoder even when it is ASCII: for ASCII that is
   * a vectorised copy, several times faster on long strings than a loop over the chars, whose cost (an array the
   * size of the string) only short strings would notice.
   */
  static final int BULK_STRING_CHARS = 64;

  private byte[] buf;
  private int pos;

  MessagePackWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  byte[] toByteArray() {
    // A large value usually fills the buffer exactly (it grows to what is needed): hand it over without a copy.
    return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
  }

  /** What was written, in an array of its own (the buffer stays this writer's, to be written again). */
  byte[] copyOut() {
    return Arrays.copyOf(buf, pos);
  }

  /** Starts again at the buffer's beginning; a buffer grown past {@code keep} bytes is let go, to not hold it. */
  void clear(int keep) {
    pos = 0;
    if (buf.length > keep) {
      buf = new byte[keep];
    }
  }

  int position() {
    return pos;
  }

  /** The buffer written so far (up to {@link #position()}); for reading on this thread before it writes again. */
  byte[] buffer() {
    return buf;
  }

  private void ensure(int extra) {
    int needed = pos + extra;
    if (needed < 0) {
      throw new IllegalStateException("value too large to encode");
    }
    if (needed > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }
  }

  void writeNil() {
    ensure(1);
    buf[pos++] = (byte) 0xc0;
  }

  void writeBoolean(boolean v) {
    ensure(1);
    buf[pos++] = (byte) (v ? 0xc3 : 0xc2);
  }

  void writeLong(long v) {
    ensure(9);
    if (v >= 0) {
      if (v < 128) {
        buf[pos++] = (byte) v;
      } else if (v < 256) {
        buf[pos++] = (byte) 0xcc;
        buf[pos++] = (byte) v;
      } else if (v < 65536) {
        buf[pos++] = (byte) 0xcd;
        put16((int) v);
      } else if (v < 4294967296L) {
        buf[pos++] = (byte) 0xce;
        put32((int) v);
      } else {
        buf[pos++] = (byte) 0xcf;
        put64(v);
      }
    } else if (v >= -32) {
      buf[pos++] = (byte) v;
    } else if (v >= Byte.MIN_VALUE) {
      buf[pos++] = (byte) 0xd0;
      buf[pos++] = (byte) v;
    } else if (v >= Short.MIN_VALUE) {
      buf[pos++] = (byte) 0xd1;
      put16((int) v);
    } else if (v >= Integer.MIN_VALUE) {
      buf[pos++] = (byte) 0xd2;
      put32((int) v);
    } else {
      buf[pos++] = (byte) 0xd3;
      put64(v);
    }
  }

  void writeFloat(float v) {
    ensure(5);
    buf[pos++] = (byte) 0xca;
    put32(Float.floatToRawIntBits(v));
  }

  void writeDouble(double v) {
    ensure(9);
    buf[pos++] = (byte) 0xcb;
    put64(Double.doubleToRawLongBits(v));
  }

  void writeString(String s) {
    int n = s.length();
    if (n < BULK_STRING_CHARS && isAscii(s, n)) {
      writeStringHeader(n);
      ensure(n);
      for (int i = 0; i < n; i++) {
        buf[pos++] = (byte) s.charAt(i);
      }
    } else {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      writeStringHeader(utf8.length);
      writeRaw(utf8, 0, utf8.length);
    }
  }

  private static boolean isAscii(String s, int n) {
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private void writeStringHeader(int n) {
    ensure(5);
    if (n < 32) {
      buf[pos++] = (byte) (0xa0 | n);
    } else {
      lengthHeader(0xd9, n);
    }
  }

  void writeBinary(byte[] b) {
    ensure(5);
    lengthHeader(0xc4, b.length);
    writeRaw(b, 0, b.length);
  }

  void writeArrayHeader(int n) {
    countHeader(0x90, 0xdc, n);
  }

  void writeMapHeader(int n) {
    countHeader(0x80, 0xde, n);
  }

  /** A count with a 4-bit form ({@code fix} in the high nibble) and 16 and 32-bit forms ({@code code16}, next). */
  private void countHeader(int fix, int code16, int n) {
    ensure(5);
    if (n < 16) {
      buf[pos++] = (byte) (fix | n);
    } else if (n < 65536) {
      buf[pos++] = (byte) code16;
      put16(n);
    } else {
      buf[pos++] = (byte) (code16 + 1);
      put32(n);
    }
  }

  /** A length with 8, 16 and 32-bit forms, whose type bytes are {@code code8} and the two after it. */
  private void lengthHeader(int code8, int n) {
    if (n < 256) {
      buf[pos++] = (byte) code8;
      buf[pos++] = (byte) n;
    } else if (n < 65536) {
      buf[pos++] = (byte) (code8 + 1);
      put16(n);
    } else {
      buf[pos++] = (byte) (code8 + 2);
      put32(n);
    }
  }

  /** An extension header whose payload length is known. */
  void writeExtHeader(int type, int length) {
    ensure(6);
    switch (length) {
      case 1 -> buf[pos++] = (byte) 0xd4;
      case 2 -> buf[pos++] = (byte) 0xd5;
      case 4 -> buf[pos++] = (byte) 0xd6;
      case 8 -> buf[pos++] = (byte) 0xd7;
      case 16 -> buf[pos++] = (byte) 0xd8;
      default -> lengthHeader(0xc7, length);
    }
    buf[pos++] = (byte) type;
  }

  /** Starts an ext32 whose payload follows; returns the mark to pass to {@link #endExt}. */
  int beginExt(int type) {
    ensure(6);
    buf[pos++] = (byte) 0xc9;
    int mark = pos;
    pos += 4;
    buf[pos++] = (byte) type;
    return mark;
  }

  void endExt(int mark) {
    int length = pos - mark - 5;
    int saved = pos;
    pos = mark;
    put32(length);
    pos = saved;
  }

  /**
   * Reserves the next {@code len} bytes and returns a big-endian buffer over them, positioned at their start, for
   * the caller to fill.
   */
  ByteBuffer reserve(int len) {
    ensure(len);
    ByteBuffer room = ByteBuffer.wrap(buf, pos, len).slice();
    pos += len;
    return room;
  }

  void writeRaw(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  void writeByte(int b) {
    ensure(1);
    buf[pos++] = (byte) b;
  }

  void put16(int v) {
    ensure(2);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  void put32(int v) {
    ensure(4);
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  void put64(long v) {
    put32((int) (v >>> 32));
    put32((int) v);
  }
}
