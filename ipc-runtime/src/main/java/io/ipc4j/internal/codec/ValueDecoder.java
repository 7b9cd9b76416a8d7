package io.ipc4j.internal.codec;

import io.ipc4j.IpcException;
import io.ipc4j.spi.Codecs;
import io.ipc4j.spi.EnumCodec;
import io.ipc4j.spi.RecordCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads values written by {@link ValueEncoder} (or any MessagePack writer). It never trusts its input: every
 * length is checked against the bytes that remain before anything is allocated, and nesting is capped.
 */
final class ValueDecoder {
  private final byte[] buf;
  private int pos;
  private int limit;
  private int depth;

  ValueDecoder(byte[] buf, int off, int len) {
    if (off < 0 || len < 0 || off + len > buf.length || off + len < 0) {
      throw new IllegalArgumentException("bad range " + off + "+" + len + " of " + buf.length);
    }
    this.buf = buf;
    this.pos = off;
    this.limit = off + len;
  }

  Object[] readArgs() {
    int b = peek();
    int n;
    if ((b & 0xf0) == 0x90) {
      pos++;
      n = b & 0x0f;
    } else if (b == 0xdc) {
      pos++;
      n = u16();
    } else if (b == 0xdd) {
      pos++;
      n = length32();
    } else {
      throw bad("expected the argument array, found type byte 0x" + Integer.toHexString(b));
    }
    checkCount(n, 1);
    Object[] args = new Object[n];
    for (int i = 0; i < n; i++) {
      args[i] = read();
    }
    return args;
  }

  void expectEnd() {
    if (pos != limit) {
      throw bad((limit - pos) + " unexpected trailing bytes");
    }
  }

  Object read() {
    if (++depth > ValueCodec.MAX_DEPTH) {
      throw bad("nesting deeper than " + ValueCodec.MAX_DEPTH + " levels");
    }
    try {
      return readValue();
    } finally {
      depth--;
    }
  }

  private Object readValue() {
    int start = pos;
    int b = u8();
    if (b <= 0x7f) {
      return b;
    }
    if (b >= 0xe0) {
      return (int) (byte) b;
    }
    if ((b & 0xe0) == 0xa0) {
      return string(b & 0x1f);
    }
    if ((b & 0xf0) == 0x90) {
      return list(b & 0x0f);
    }
    if ((b & 0xf0) == 0x80) {
      return map(b & 0x0f);
    }
    switch (b) {
      case 0xc0: return null;
      case 0xc2: return Boolean.FALSE;
      case 0xc3: return Boolean.TRUE;
      case 0xc4: return bytes(u8());
      case 0xc5: return bytes(u16());
      case 0xc6: return bytes(length32());
      case 0xc7: return ext(u8());
      case 0xc8: return ext(u16());
      case 0xc9: return ext(length32());
      case 0xca: return Float.intBitsToFloat(i32());
      case 0xcb: return Double.longBitsToDouble(i64());
      case 0xcc: return u8();
      case 0xcd: return u16();
      case 0xce: return integer(i32() & 0xffffffffL);
      case 0xcf: {
        long v = i64();
        if (v >= 0) {
          return integer(v);
        }
        return new BigInteger(Long.toUnsignedString(v));
      }
      case 0xd0: return (int) (byte) u8();
      case 0xd1: return (int) (short) u16();
      case 0xd2: return i32();
      case 0xd3: return integer(i64());
      case 0xd4: return ext(1);
      case 0xd5: return ext(2);
      case 0xd6: return ext(4);
      case 0xd7: return ext(8);
      case 0xd8: return ext(16);
      case 0xd9: return string(u8());
      case 0xda: return string(u16());
      case 0xdb: return string(length32());
      case 0xdc: return list(u16());
      case 0xdd: return list(length32());
      case 0xde: return map(u16());
      case 0xdf: return map(length32());
      default:
        pos = start;
        throw bad("unknown type byte 0x" + Integer.toHexString(b));
    }
  }

  private static Object integer(long v) {
    if (v == (int) v) {
      return Integer.valueOf((int) v); // not a ?: expression, which would promote both branches to Long
    }
    return Long.valueOf(v);
  }

  private String string(int n) {
    need(n);
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  private byte[] bytes(int n) {
    need(n);
    byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return b;
  }

  private List<Object> list(int n) {
    checkCount(n, 1);
    List<Object> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(read());
    }
    return list;
  }

  private Map<Object, Object> map(int n) {
    checkCount(n, 2);
    Map<Object, Object> map = new LinkedHashMap<>(n * 4 / 3 + 1);
    for (int i = 0; i < n; i++) {
      Object key = read();
      map.put(key, read());
    }
    return map;
  }

  private Object ext(int length) {
    int type = (byte) u8();
    need(length);
    int end = pos + length;
    int savedLimit = limit;
    limit = end;
    Object value;
    try {
      value = extValue(type, length);
      if (pos != end) {
        throw bad("extension " + type + " has " + (end - pos) + " unread bytes");
      }
    } finally {
      limit = savedLimit;
    }
    return value;
  }

  private Object extValue(int type, int length) {
    switch (type) {
      case ValueCodec.EXT_TIMESTAMP:
        return timestamp(length);
      case ValueCodec.EXT_SET: {
        Object elements = read();
        if (!(elements instanceof List<?> list)) {
          throw bad("a set must hold an array");
        }
        return new LinkedHashSet<>(list);
      }
      case ValueCodec.EXT_PRIMITIVE_ARRAY:
        return primitiveArray(length);
      case ValueCodec.EXT_CHARACTER:
        if (length != 2) {
          throw bad("a character needs 2 bytes, found " + length);
        }
        return (char) u16();
      case ValueCodec.EXT_BIG_INTEGER:
        if (length == 0) {
          throw bad("an empty big integer");
        }
        return new BigInteger(bytes(length));
      case ValueCodec.EXT_BIG_DECIMAL: {
        Object scale = read();
        if (!(scale instanceof Integer s) || pos >= limit) {
          throw bad("a big decimal needs an int scale and its digits");
        }
        return new BigDecimal(new BigInteger(bytes(limit - pos)), s);
      }
      case ValueCodec.EXT_RECORD:
        return record();
      case ValueCodec.EXT_ENUM:
        return enumConstant();
      case ValueCodec.EXT_DURATION: {
        Object seconds = read();
        Object nanos = read();
        if (!(seconds instanceof Number s) || !(nanos instanceof Integer n) || seconds instanceof BigInteger) {
          throw bad("a duration needs integer seconds and nanoseconds");
        }
        return Duration.ofSeconds(s.longValue(), n);
      }
      case ValueCodec.EXT_UUID:
        if (length != 16) {
          throw bad("a UUID needs 16 bytes, found " + length);
        }
        return new UUID(i64(), i64());
      default:
        throw bad("unknown extension type " + type);
    }
  }

  private Instant timestamp(int length) {
    try {
      switch (length) {
        case 4:
          return Instant.ofEpochSecond(i32() & 0xffffffffL);
        case 8: {
          long v = i64();
          return Instant.ofEpochSecond(v & 0x3ffffffffL, v >>> 34);
        }
        case 12: {
          long nanos = i32() & 0xffffffffL;
          return Instant.ofEpochSecond(i64(), nanos);
        }
        default:
          throw bad("a timestamp of " + length + " bytes");
      }
    } catch (java.time.DateTimeException e) {
      throw bad("a timestamp out of range (" + e.getMessage() + ")");
    }
  }

  private Object primitiveArray(int length) {
    if (length < 1) {
      throw bad("a primitive array without its kind");
    }
    char kind = (char) u8();
    int bytes = length - 1;
    int width = switch (kind) {
      case 'Z' -> 1;
      case 'C', 'S' -> 2;
      case 'I', 'F' -> 4;
      case 'J', 'D' -> 8;
      default -> throw bad("unknown primitive array kind '" + kind + "'");
    };
    if (bytes % width != 0) {
      throw bad("a " + kind + " array of " + bytes + " bytes");
    }
    int n = bytes / width;
    switch (kind) {
      case 'Z': {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          int v = u8();
          if (v > 1) {
            throw bad("a boolean must be 0 or 1, found " + v);
          }
          a[i] = v == 1;
        }
        return a;
      }
      case 'C': {
        char[] a = new char[n];
        for (int i = 0; i < n; i++) {
          a[i] = (char) u16();
        }
        return a;
      }
      case 'S': {
        short[] a = new short[n];
        for (int i = 0; i < n; i++) {
          a[i] = (short) u16();
        }
        return a;
      }
      case 'I': {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
          a[i] = i32();
        }
        return a;
      }
      case 'F': {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
          a[i] = Float.intBitsToFloat(i32());
        }
        return a;
      }
      case 'J': {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
          a[i] = i64();
        }
        return a;
      }
      default: {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
          a[i] = Double.longBitsToDouble(i64());
        }
        return a;
      }
    }
  }

  private Object record() {
    String name = typeName("record");
    Object codec = Codecs.forName(name);
    if (!(codec instanceof RecordCodec<?> recordCodec)) {
      throw new IpcException("No codec registered for record '" + name + "': make sure the class generated for "
          + "the interface that uses it (<Interface>Ipc) is loaded, or register one with io.ipc4j.spi.Codecs");
    }
    Object fields = read();
    if (!(fields instanceof Map<?, ?> map)) {
      throw bad("record '" + name + "' must hold a map of its components");
    }
    List<String> names = recordCodec.componentNames();
    Object[] components = new Object[names.size()];
    for (int i = 0; i < components.length; i++) {
      components[i] = map.get(names.get(i)); // a missing component is null; unknown ones are ignored
    }
    try {
      return recordCodec.create(components);
    } catch (RuntimeException e) {
      throw new IpcException("Could not rebuild record '" + name + "' from " + map + ": " + e.getMessage(), e);
    }
  }

  private Object enumConstant() {
    String name = typeName("enum");
    Object constant = read();
    Object codec = Codecs.forName(name);
    if (!(codec instanceof EnumCodec<?> enumCodec)) {
      throw new IpcException("No codec registered for enum '" + name + "': make sure the class generated for "
          + "the interface that uses it (<Interface>Ipc) is loaded, or register one with io.ipc4j.spi.Codecs");
    }
    if (!(constant instanceof String constantName)) {
      throw bad("enum '" + name + "' must hold its constant's name");
    }
    try {
      return enumCodec.valueOf(constantName);
    } catch (IllegalArgumentException e) {
      throw new IpcException("Enum '" + name + "' has no constant '" + constantName + "'", e);
    }
  }

  private String typeName(String what) {
    Object name = read();
    if (!(name instanceof String s)) {
      throw bad("a " + what + " must start with its type name");
    }
    return s;
  }

  private void checkCount(int n, int minBytesEach) {
    if (n < 0 || (long) n * minBytesEach > limit - pos) {
      throw bad("a count of " + (n < 0 ? "over 2^31" : String.valueOf(n)) + " with only " + (limit - pos) + " bytes left");
    }
  }

  private void need(int n) {
    if (n < 0 || n > limit - pos) {
      throw bad("a length of " + (n < 0 ? (n & 0xffffffffL) : n) + " with only " + (limit - pos) + " bytes left");
    }
  }

  private int peek() {
    need(1);
    return buf[pos] & 0xff;
  }

  private int u8() {
    need(1);
    return buf[pos++] & 0xff;
  }

  private int u16() {
    need(2);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  private int i32() {
    need(4);
    int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
        | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  /** A 32-bit length: anything above Integer.MAX_VALUE cannot fit in what remains. */
  private int length32() {
    int v = i32();
    return v < 0 ? -1 : v;
  }

  private long i64() {
    return ((long) i32() << 32) | (i32() & 0xffffffffL);
  }

  private MalformedValueException bad(String what) {
    return new MalformedValueException(what, pos);
  }
}
