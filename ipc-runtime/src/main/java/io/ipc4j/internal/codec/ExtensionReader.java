package io.ipc4j.internal.codec;

import io.ipc4j.spi.EnumCodec;
import io.ipc4j.spi.RecordCodec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the payloads of the extension types (see {@link ValueCodec} for their layout). Each range is checked before
 * an {@code Instant}, {@code Duration}, {@code BigInteger} or array is made, so a payload out of range is a
 * {@link MalformedValueException}, never the JDK constructor's own exception; so is a record whose codec refuses
 * its components and an enum constant the codec lacks. A record or enum that the decoding side has no codec for
 * arrives as its untyped form: the map of its components, or its constant's name.
 */
final class ExtensionReader {
  private ExtensionReader() {}

  /**
   * The codecs of the record and the enum a decoder rebuilt last, the enum's last constant, and the registry they
   * came from: the same type or constant again is known by its name's bytes, with no string made (a registry never
   * changes the codec of a name it has). A decoder's own, made when it first meets a record or enum.
   */
  static final class Last {
    private CodecRegistry from;
    private RecordCodec<?> record;
    private EnumCodec<?> enumCodec;
    private Enum<?> constant;

    /** This decoder's, for its registry now: forgotten if the codecs were another registry's. */
    static Last of(ValueDecoder in) {
      Last last = in.last;
      if (last == null) {
        last = new Last();
        in.last = last;
      }
      if (last.from != in.codecs) {
        last.from = in.codecs;
        last.record = null;
        last.enumCodec = null;
        last.constant = null;
      }
      return last;
    }
  }

  /** The value of an extension of {@code type} whose {@code length} bytes {@code in} is limited to. */
  static Object read(ValueDecoder in, int type, int length) {
    switch (type) {
      case ValueCodec.EXT_TIMESTAMP:
        return timestamp(in, length);
      case ValueCodec.EXT_SET:
        return in.set();
      case ValueCodec.EXT_PRIMITIVE_ARRAY:
        return primitiveArray(in, length);
      case ValueCodec.EXT_CHARACTER:
        if (length != 2) {
          throw in.bad("a character needs 2 bytes, found " + length);
        }
        return (char) in.u16();
      case ValueCodec.EXT_BIG_INTEGER:
        if (length == 0) {
          throw in.bad("an empty big integer");
        }
        return in.bigInteger(length);
      case ValueCodec.EXT_BIG_DECIMAL: {
        Object scale = in.read();
        if (!(scale instanceof Integer s) || in.pos >= in.limit) {
          throw in.bad("a big decimal needs an int scale and its digits");
        }
        return new BigDecimal(in.bigInteger(in.limit - in.pos), s); // any int scale is valid
      }
      case ValueCodec.EXT_RECORD:
        return record(in);
      case ValueCodec.EXT_ENUM:
        return enumConstant(in);
      case ValueCodec.EXT_DURATION:
        return duration(in);
      case ValueCodec.EXT_UUID:
        if (length != 16) {
          throw in.bad("a UUID needs 16 bytes, found " + length);
        }
        return new UUID(in.i64(), in.i64());
      default:
        throw in.bad("unknown extension type " + type);
    }
  }

  private static Duration duration(ValueDecoder in) {
    Object seconds = in.read();
    Object nanos = in.read();
    if (!(seconds instanceof Integer || seconds instanceof Long) || !(nanos instanceof Integer n)) {
      throw in.bad("a duration needs integer seconds and nanoseconds");
    }
    if (n < 0 || n > 999_999_999) {
      throw in.bad("a duration's nanoseconds must be 0 to 999999999, found " + n);
    }
    return Duration.ofSeconds(((Number) seconds).longValue(), n); // cannot overflow with nanos in range
  }

  private static Instant timestamp(ValueDecoder in, int length) {
    long seconds;
    long nanos;
    switch (length) {
      case 4:
        seconds = in.i32() & 0xffffffffL;
        nanos = 0;
        break;
      case 8: {
        long v = in.i64();
        seconds = v & 0x3ffffffffL;
        nanos = v >>> 34;
        break;
      }
      case 12:
        nanos = in.i32() & 0xffffffffL;
        seconds = in.i64();
        break;
      default:
        throw in.bad("a timestamp of " + length + " bytes");
    }
    if (nanos > 999_999_999) {
      throw in.bad("a timestamp's nanoseconds must be 0 to 999999999, found " + nanos);
    }
    if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
      throw in.bad("a timestamp of " + seconds + " seconds, outside Instant's range");
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static Object primitiveArray(ValueDecoder in, int length) {
    if (length < 1) {
      throw in.bad("a primitive array without its kind");
    }
    char kind = (char) in.u8();
    int bytes = length - 1;
    int width = switch (kind) {
      case 'Z' -> 1;
      case 'C', 'S' -> 2;
      case 'I', 'F' -> 4;
      case 'J', 'D' -> 8;
      default -> throw in.bad("unknown primitive array kind 0x" + Integer.toHexString(kind));
    };
    if (bytes % width != 0) {
      throw in.bad("a " + kind + " array of " + bytes + " bytes");
    }
    int n = bytes / width; // exact: the ext's bytes are all present
    Object array = switch (kind) {
      case 'Z' -> new boolean[n];
      case 'C' -> new char[n];
      case 'S' -> new short[n];
      case 'I' -> new int[n];
      case 'F' -> new float[n];
      case 'J' -> new long[n];
      default -> new double[n];
    };
    for (int i = 0; i < n; i++) {
      long bits = width == 8 ? in.i64() : width == 4 ? in.i32() : width == 2 ? in.u16() : in.u8();
      switch (kind) {
        case 'Z' -> ((boolean[]) array)[i] = bit(in, bits);
        case 'C' -> ((char[]) array)[i] = (char) bits;
        case 'S' -> ((short[]) array)[i] = (short) bits;
        case 'I' -> ((int[]) array)[i] = (int) bits;
        case 'F' -> ((float[]) array)[i] = Float.intBitsToFloat((int) bits);
        case 'J' -> ((long[]) array)[i] = bits;
        default -> ((double[]) array)[i] = Double.longBitsToDouble(bits);
      }
    }
    return array;
  }

  private static boolean bit(ValueDecoder in, long bits) {
    if (bits > 1) {
      throw in.bad("a boolean must be 0 or 1, found " + bits);
    }
    return bits == 1;
  }

  /** A record: rebuilt by this side's codec for it, or, with none, the map of its components. */
  private static Object record(ValueDecoder in) {
    Last last = Last.of(in);
    RecordCodec<?> codec = last.record;
    String name;
    if (codec != null && isNext(in, codec.typeName())) {
      name = codec.typeName();
    } else {
      name = typeName(in, "record");
      codec = in.codecs.recordNamed(name);
      if (codec != null) {
        last.record = codec;
      }
    }
    in.enter(); // the record's map is a level of nesting like any value
    in.level = 0;
    Object[] components;
    try {
      int n = in.mapHeader();
      if (n < 0) {
        throw in.bad("record '" + MessagePackReader.quote(name) + "' must hold a map of its components");
      }
      if (codec == null) { // as a class instance becomes a plain object in Electron's structured clone
        return in.map(n, false);
      }
      components = components(in, n, codec.componentNames());
    } finally {
      in.leave();
    }
    try {
      return codec.create(components);
    } catch (RuntimeException e) {
      throw in.bad("record '" + MessagePackReader.quote(name) + "' refused its components ("
          + MessagePackReader.quote(e.getClass().getName() + ": " + e.getMessage()) + ")");
    }
  }

  /**
   * The values of a record's map of {@code n} entries in the order of its codec's {@code names}: a missing component
   * is null, a repeated one the last, and a key that names none (of any kind) is read and dropped. Up to
   * {@link ValueCodec#MAX_KEYS_PER_HASH} entries, string keys are matched to the names where they stand, so that no
   * key string or map is made (nor hashed: no key check is needed); a larger map is read as a map, whose keys are
   * checked.
   */
  private static Object[] components(ValueDecoder in, int n, List<String> names) {
    in.checkCount(n, 2);
    Object[] values = new Object[names.size()];
    if (n > ValueCodec.MAX_KEYS_PER_HASH) {
      Map<Object, Object> map = in.map(n, true);
      for (int i = 0; i < values.length; i++) {
        values[i] = map.get(names.get(i));
      }
      return values;
    }
    int deepest = 0;
    for (int i = 0; i < n; i++) {
      int length = in.strHeader();
      int slot = -1;
      if (length >= 0) {
        slot = in.nameAmong(names, length, i);
      } else {
        in.read(); // a key of another kind names no component
      }
      Object value = in.read();
      deepest = Math.max(deepest, in.level);
      if (slot >= 0) {
        values[slot] = value;
      }
    }
    in.level = deepest; // only a record's values count for its level, as in a map that a codec takes apart
    return values;
  }

  /** An enum constant: this side's constant, or, with no codec for its enum, its name. */
  private static Object enumConstant(ValueDecoder in) {
    Last last = Last.of(in);
    EnumCodec<?> codec = last.enumCodec;
    if (codec != null && isNext(in, codec.typeName())) {
      if (last.constant != null && isNext(in, last.constant.name())) {
        return last.constant;
      }
      return constant(in, codec.typeName(), codec, last);
    }
    String name = typeName(in, "enum");
    codec = in.codecs.enumNamed(name);
    if (codec != null && codec != last.enumCodec) {
      last.enumCodec = codec;
      last.constant = null;
    }
    return constant(in, name, codec, last);
  }

  /** The constant whose name comes next, of the enum {@code name}; with no codec for it, its name. */
  private static Object constant(ValueDecoder in, String name, EnumCodec<?> codec, Last last) {
    Object constant = in.read();
    if (!(constant instanceof String constantName)) {
      throw in.bad("enum '" + MessagePackReader.quote(name) + "' must hold its constant's name");
    }
    if (codec == null) {
      return constantName;
    }
    try {
      Enum<?> value = codec.valueOf(constantName);
      last.constant = value; // the enum's codec is last.enumCodec
      return value;
    } catch (IllegalArgumentException e) {
      throw in.bad("enum '" + MessagePackReader.quote(name) + "' has no constant '"
          + MessagePackReader.quote(constantName) + "'");
    }
  }

  /**
   * Whether the next value is the str {@code name}, which is then consumed; a level of nesting, as reading it would
   * be.
   */
  private static boolean isNext(ValueDecoder in, String name) {
    in.enter();
    in.leave();
    return in.skipIfStr(name);
  }

  private static String typeName(ValueDecoder in, String what) {
    Object name = in.read();
    if (!(name instanceof String s)) {
      throw in.bad("a " + what + " must start with its type name");
    }
    return s;
  }
}
