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
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Reads values written by {@link ValueEncoder} (or any MessagePack writer). It never trusts its input, and what it
 * spends on a frame is bounded by the frame's size:
 *
 * <ul>
 *   <li><b>Memory.</b> Nothing is sized from a claimed count. A count is first checked against the bytes that
 *       remain; the elements are then decoded onto one scratch stack shared by the whole decode (it grows by
 *       doubling as elements actually arrive), and each array, map or set is built at the end with exactly the
 *       number of elements it got. Only arrays of at most {@value #SMALL} elements, and the top-level argument
 *       array, are allocated at once. So allocation is a constant factor of the bytes read (the worst shape
 *       measured takes about 215 bytes per input byte; {@code ValueDecoderAllocationTest} holds the bound), plus
 *       a small constant (the decoder's scratch and, on failure, the exception).</li>
 *   <li><b>Depth.</b> Every recursive path (arrays, maps, and the extensions that hold values: sets, big decimals,
 *       records, enums, durations) goes through {@link #read()}, which counts levels and refuses more than
 *       {@link ValueCodec#MAX_DEPTH}.</li>
 *   <li><b>Time, colliding hash codes included.</b> Building a map or set costs a {@code hashCode} per key and an
 *       {@code equals} per earlier key with the same hash code, so chosen keys could make it quadratic (20,000 list
 *       keys {@code [a, -31a]}, all with one hash code, took 13 s). Before any key is inserted, the keys of a map or
 *       set are checked, and the input is refused as malformed if:
 *       <ol>
 *         <li>more than {@link ValueCodec#MAX_KEYS_PER_HASH} keys share one hash code. A map of at most that many keys
 *             cannot break the rule, so only larger ones are checked (records, maps of a few component names, pay
 *             nothing): their keys' hash codes go into a primitive array, which an LSD radix sort groups in linear
 *             time whatever the values (a hash table of counts could itself be attacked). Each insert then makes
 *             fewer than that many {@code equals} calls, none dearer than the key it inserts;</li>
 *         <li>more than {@link ValueCodec#MAX_NESTED_KEYS_PER_HASH} of the keys that hold a map or set share one
 *             hash code, or two of the keys that hold a map or set that itself has such keys do: comparing two maps
 *             looks each key of one up in the other, so each level of colliding map keys would multiply the cost;
 *             </li>
 *         <li>maps and sets nest through keys more than {@link ValueCodec#MAX_KEY_NESTING} levels deep: a key's hash
 *             code walks all of it, once for every key it is part of.</li>
 *       </ol>
 *       Real data seldom comes near, but can: {@code [x, y]} lists and small records hash as {@code 31x + y}, so a
 *       grid of such keys over about 2,000 by 2,000 has 64 keys per hash code, and sets of small sets collide by sum
 *       (nine sets {@code {i, 109 - i}} are refused). A record's component map does not make it a key holding a
 *       map.</li>
 *   <li><b>Errors.</b> Every malformed input ends as a {@link MalformedValueException}: ranges are checked before
 *       any {@code Instant}, {@code Duration}, {@code BigInteger} or array is made, and a record codec that refuses
 *       its components is reported as malformed. Messages never quote a decoded value (it may be huge or deep),
 *       only short, shortened names. A record or enum with no registered codec stays a plain {@link IpcException}
 *       that says how to register one.</li>
 * </ul>
 */
final class ValueDecoder {
  /** Arrays of at most this many elements (every fixarray) are allocated at once rather than gathered first. */
  private static final int SMALL = 15;
  /** Names quoted in an error message are cut to this many characters. */
  private static final int MAX_QUOTED_CHARS = 80;

  private final byte[] buf;
  private int pos;
  private int limit;
  private int depth;

  /** Elements of the arrays, maps and sets being decoded, innermost last. */
  private Object[] stack;
  private int top;
  /** For the keys of the maps and sets being decoded that hold a map or set: (index in their map, level) pairs. */
  private int[] keyLevels;
  private int keyLevelsTop;
  /**
   * The key level of the value {@link #read()} returned last: how deep maps and sets nest in it through keys (0: it
   * holds no map or set; a map or set is one more than its deepest key, and never less than its deepest value).
   */
  private int level;
  /** The deepest level among the values of the map {@link #map} returned last (a record keeps only its values). */
  private int mapValueLevel;
  /** Scratch for checking hash codes. */
  private int[] hashes;
  private int[] sorted;
  private int[] digitCounts;

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
    // Sized from the count at once: at the top level only, so it costs at most a reference per input byte and
    // cannot multiply with nesting the way pre-sized inner containers would.
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
    level = 0; // containers and records set it as they finish
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
        return new BigInteger(1, buf, pos - 8, 8); // above Long.MAX_VALUE: the 8 bytes as a magnitude
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
    if (n == 0) {
      return "";
    }
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
    int deepest = 0;
    List<Object> list;
    if (n <= SMALL) { // a small constant: allocated at once
      list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(read());
        deepest = Math.max(deepest, level);
      }
    } else {
      int base = top;
      for (int i = 0; i < n; i++) {
        push(read());
        deepest = Math.max(deepest, level);
      }
      list = new ArrayList<>(n);
      for (int i = base; i < base + n; i++) {
        list.add(stack[i]);
      }
      release(base);
    }
    level = deepest;
    return list;
  }

  private Map<Object, Object> map(int n) {
    checkCount(n, 2);
    int base = top;
    int levelsBase = keyLevelsTop;
    int deepestKey = 0;
    int deepestValue = 0;
    for (int i = 0; i < n; i++) {
      push(key(i));
      deepestKey = Math.max(deepestKey, level);
      push(read());
      deepestValue = Math.max(deepestValue, level);
    }
    checkKeys(base, 2, n, levelsBase, "map");
    Map<Object, Object> map = new LinkedHashMap<>(capacityFor(n));
    for (int i = base; i < base + 2 * n; i += 2) {
      map.put(stack[i], stack[i + 1]);
    }
    release(base);
    keyLevelsTop = levelsBase;
    mapValueLevel = deepestValue;
    level = Math.max(deepestValue, nestedLevel(deepestKey));
    return map;
  }

  /** A set's payload: an array of its elements, counted as one more level of nesting. */
  private Set<Object> set() {
    if (++depth > ValueCodec.MAX_DEPTH) {
      throw bad("nesting deeper than " + ValueCodec.MAX_DEPTH + " levels");
    }
    try {
      int b = u8();
      int n;
      if ((b & 0xf0) == 0x90) {
        n = b & 0x0f;
      } else if (b == 0xdc) {
        n = u16();
      } else if (b == 0xdd) {
        n = length32();
      } else {
        throw bad("a set must hold an array");
      }
      checkCount(n, 1);
      int base = top;
      int levelsBase = keyLevelsTop;
      int deepest = 0;
      for (int i = 0; i < n; i++) {
        push(key(i));
        deepest = Math.max(deepest, level);
      }
      checkKeys(base, 1, n, levelsBase, "set");
      Set<Object> set = new LinkedHashSet<>(capacityFor(n));
      for (int i = base; i < base + n; i++) {
        set.add(stack[i]);
      }
      release(base);
      keyLevelsTop = levelsBase;
      level = nestedLevel(deepest);
      return set;
    } finally {
      depth--;
    }
  }

  /** Reads the {@code index}th key of a map (or element of a set), noting its level if it holds a map or set. */
  private Object key(int index) {
    Object key = read();
    if (level > 0) {
      if (keyLevels == null) {
        keyLevels = new int[16];
      } else if (keyLevelsTop == keyLevels.length) {
        keyLevels = Arrays.copyOf(keyLevels, keyLevelsTop * 2);
      }
      keyLevels[keyLevelsTop++] = index;
      keyLevels[keyLevelsTop++] = level;
    }
    return key;
  }

  /** The level of a map or set whose deepest key has {@code deepestKey}. */
  private int nestedLevel(int deepestKey) {
    if (deepestKey >= ValueCodec.MAX_KEY_NESTING) {
      throw bad("maps and sets nested in keys more than " + ValueCodec.MAX_KEY_NESTING + " levels deep");
    }
    return deepestKey + 1;
  }

  /**
   * Refuses the keys at {@code stack[base + i * stride]}, {@code i < n}, if building their map or set could be more
   * than linear: more than {@link ValueCodec#MAX_KEYS_PER_HASH} keys with one hash code, more than
   * {@link ValueCodec#MAX_NESTED_KEYS_PER_HASH} among the keys that hold a map or set, or two among the keys that hold
   * a map or set that has such keys.
   */
  private void checkKeys(int base, int stride, int n, int levelsBase, String what) {
    if (n > ValueCodec.MAX_KEYS_PER_HASH) {
      int[] h = hashScratch(n);
      for (int i = 0; i < n; i++) {
        h[i] = Objects.hashCode(stack[base + i * stride]);
      }
      if (longestRun(h, n) > ValueCodec.MAX_KEYS_PER_HASH) {
        throw bad("a " + what + " with more than " + ValueCodec.MAX_KEYS_PER_HASH + " keys sharing one hash code");
      }
    }
    int holding = (keyLevelsTop - levelsBase) / 2;
    if (holding > ValueCodec.MAX_NESTED_KEYS_PER_HASH
        && sameHash(base, stride, levelsBase, 1) > ValueCodec.MAX_NESTED_KEYS_PER_HASH) {
      throw bad("a " + what + " with more than " + ValueCodec.MAX_NESTED_KEYS_PER_HASH + " keys holding maps or sets "
          + "that share one hash code");
    }
    if (holding > 1 && sameHash(base, stride, levelsBase, 2) > 1) {
      throw bad("a " + what + " with two keys that share one hash code and hold maps or sets with such keys");
    }
  }

  /** The most keys with one hash code among the current map's keys of at least {@code minLevel}. */
  private int sameHash(int base, int stride, int levelsBase, int minLevel) {
    int[] h = hashScratch((keyLevelsTop - levelsBase) / 2);
    int count = 0;
    for (int i = levelsBase; i < keyLevelsTop; i += 2) {
      if (keyLevels[i + 1] >= minLevel) {
        h[count++] = Objects.hashCode(stack[base + keyLevels[i] * stride]);
      }
    }
    return count < 2 ? count : longestRun(h, count);
  }

  private int[] hashScratch(int n) {
    if (hashes == null || hashes.length < n) {
      int size = Math.max(n, hashes == null ? 64 : hashes.length * 2);
      hashes = new int[size];
      sorted = new int[size];
    }
    return hashes;
  }

  /** The largest number of equal values among {@code a[0..n)}, found by an LSD radix sort: linear whatever the values. */
  private int longestRun(int[] a, int n) {
    int[] from = a;
    int[] to = sorted;
    if (digitCounts == null) {
      digitCounts = new int[257];
    }
    int[] counts = digitCounts;
    for (int shift = 0; shift < 32; shift += 8) {
      Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[((from[i] >>> shift) & 0xff) + 1]++;
      }
      for (int d = 0; d < 256; d++) {
        counts[d + 1] += counts[d];
      }
      for (int i = 0; i < n; i++) {
        to[counts[(from[i] >>> shift) & 0xff]++] = from[i];
      }
      int[] swap = from;
      from = to;
      to = swap;
    }
    int longest = 1;
    int run = 1;
    for (int i = 1; i < n; i++) {
      run = from[i] == from[i - 1] ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  /** The initial capacity at which a hash map holds {@code n} entries without resizing. */
  private static int capacityFor(int n) {
    return n + n / 3 + 1;
  }

  private void push(Object value) {
    if (stack == null) {
      stack = new Object[16];
    } else if (top == stack.length) {
      stack = Arrays.copyOf(stack, top * 2);
    }
    stack[top++] = value;
  }

  /** Drops the elements from {@code base} up, so that the scratch stack does not keep them alive. */
  private void release(int base) {
    if (top > base) {
      Arrays.fill(stack, base, top, null);
    }
    top = base;
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
      case ValueCodec.EXT_SET:
        return set();
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
        return bigInteger(length);
      case ValueCodec.EXT_BIG_DECIMAL: {
        Object scale = read();
        if (!(scale instanceof Integer s) || pos >= limit) {
          throw bad("a big decimal needs an int scale and its digits");
        }
        return new BigDecimal(bigInteger(limit - pos), s); // any int scale is valid
      }
      case ValueCodec.EXT_RECORD:
        return record();
      case ValueCodec.EXT_ENUM:
        return enumConstant();
      case ValueCodec.EXT_DURATION:
        return duration();
      case ValueCodec.EXT_UUID:
        if (length != 16) {
          throw bad("a UUID needs 16 bytes, found " + length);
        }
        return new UUID(i64(), i64());
      default:
        throw bad("unknown extension type " + type);
    }
  }

  private BigInteger bigInteger(int n) {
    need(n);
    BigInteger value;
    try {
      value = new BigInteger(buf, pos, n);
    } catch (ArithmeticException e) { // more bits than a BigInteger holds
      throw bad("a big integer of " + n + " bytes");
    }
    pos += n;
    return value;
  }

  private Duration duration() {
    Object seconds = read();
    Object nanos = read();
    if (!(seconds instanceof Integer || seconds instanceof Long) || !(nanos instanceof Integer n)) {
      throw bad("a duration needs integer seconds and nanoseconds");
    }
    if (n < 0 || n > 999_999_999) {
      throw bad("a duration's nanoseconds must be 0 to 999999999, found " + n);
    }
    return Duration.ofSeconds(((Number) seconds).longValue(), n); // cannot overflow with nanos in range
  }

  private Instant timestamp(int length) {
    long seconds;
    long nanos;
    switch (length) {
      case 4:
        seconds = i32() & 0xffffffffL;
        nanos = 0;
        break;
      case 8: {
        long v = i64();
        seconds = v & 0x3ffffffffL;
        nanos = v >>> 34;
        break;
      }
      case 12:
        nanos = i32() & 0xffffffffL;
        seconds = i64();
        break;
      default:
        throw bad("a timestamp of " + length + " bytes");
    }
    if (nanos > 999_999_999) {
      throw bad("a timestamp's nanoseconds must be 0 to 999999999, found " + nanos);
    }
    if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
      throw bad("a timestamp of " + seconds + " seconds, outside Instant's range");
    }
    return Instant.ofEpochSecond(seconds, nanos);
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
      default -> throw bad("unknown primitive array kind 0x" + Integer.toHexString(kind));
    };
    if (bytes % width != 0) {
      throw bad("a " + kind + " array of " + bytes + " bytes");
    }
    int n = bytes / width; // exact: the ext's bytes are all present
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
      throw new IpcException("No codec registered for record '" + quote(name) + "': make sure the class generated "
          + "for the interface that uses it (<Interface>Ipc) is loaded, or register one with io.ipc4j.spi.Codecs");
    }
    Object fields = read();
    if (!(fields instanceof Map<?, ?> map)) {
      throw bad("record '" + quote(name) + "' must hold a map of its components");
    }
    level = mapValueLevel; // the component map itself is not kept: only the components count
    List<String> names = recordCodec.componentNames();
    Object[] components = new Object[names.size()];
    for (int i = 0; i < components.length; i++) {
      components[i] = map.get(names.get(i)); // a missing component is null; unknown ones are ignored
    }
    try {
      return recordCodec.create(components);
    } catch (RuntimeException e) {
      throw bad("record '" + quote(name) + "' refused its components (" + quote(e.getClass().getName() + ": "
          + e.getMessage()) + ")");
    }
  }

  private Object enumConstant() {
    String name = typeName("enum");
    Object constant = read();
    Object codec = Codecs.forName(name);
    if (!(codec instanceof EnumCodec<?> enumCodec)) {
      throw new IpcException("No codec registered for enum '" + quote(name) + "': make sure the class generated for "
          + "the interface that uses it (<Interface>Ipc) is loaded, or register one with io.ipc4j.spi.Codecs");
    }
    if (!(constant instanceof String constantName)) {
      throw bad("enum '" + quote(name) + "' must hold its constant's name");
    }
    try {
      return enumCodec.valueOf(constantName);
    } catch (IllegalArgumentException e) {
      throw bad("enum '" + quote(name) + "' has no constant '" + quote(constantName) + "'");
    }
  }

  private String typeName(String what) {
    Object name = read();
    if (!(name instanceof String s)) {
      throw bad("a " + what + " must start with its type name");
    }
    return s;
  }

  /** A name from the input, cut short: an error message never carries more than a line of what was sent. */
  private static String quote(String s) {
    return s.length() <= MAX_QUOTED_CHARS ? s : s.substring(0, MAX_QUOTED_CHARS) + "…";
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
