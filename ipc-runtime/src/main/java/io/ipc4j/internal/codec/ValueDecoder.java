package io.ipc4j.internal.codec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 *       records, enums, durations) counts its levels as {@link #read()} does, refusing more than
 *       {@link ValueCodec#MAX_DEPTH}.</li>
 *   <li><b>Time, colliding hash codes included.</b> Chosen keys could make building a map or set quadratic; before
 *       any key is inserted, {@link KeyCheck} checks them in linear time and refuses those past its limits.</li>
 *   <li><b>Errors.</b> Every malformed input ends as a {@link MalformedValueException} (see
 *       {@link ExtensionReader} for the extensions); messages never quote a decoded value (it may be huge or
 *       deep), only short, shortened names.</li>
 *   <li><b>Codecs.</b> Records and enums are rebuilt with the decoding side's {@link CodecRegistry}; one it has no
 *       codec for arrives as its untyped form (see {@link ExtensionReader}), never as a failure.</li>
 * </ul>
 */
final class ValueDecoder extends MessagePackReader {
  /** Arrays of at most this many elements (every fixarray) are allocated at once rather than gathered first. */
  private static final int SMALL = 15;

  /** The codecs that records and enums are rebuilt with. */
  CodecRegistry codecs;
  /** The record and enum this decoder rebuilt last; made by the first (see {@link ExtensionReader.Last}). */
  ExtensionReader.Last last;
  private int depth;
  /** Elements of the arrays, maps and sets being decoded, innermost last. */
  private Object[] stack;
  private int top;
  /**
   * The key level of the value {@link #read()} returned last: how deep maps and sets nest in it through keys (0: it
   * holds no map or set; a map or set is one more than its deepest key, and never less than its deepest value).
   */
  int level;
  /** Made by the first map or set that needs its keys checked. */
  private KeyCheck keyCheck;

  ValueDecoder(CodecRegistry codecs, byte[] buf, int off, int len) {
    super(buf, off, len);
    this.codecs = codecs;
  }

  /** Whether a decode left nothing behind, so that its thread may reuse this decoder (see {@link CodecScratch}). */
  boolean reusable() {
    return top == 0 && depth == 0 && keyCheck == null && (stack == null || stack.length <= 256);
  }

  Object[] readArgs() {
    int n = arrayHeader();
    if (n < 0) {
      throw bad("expected the argument array, found type byte 0x" + Integer.toHexString(peek()));
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

  Object read() {
    enter();
    level = 0; // containers and records set it as they finish
    try {
      return readValue();
    } finally {
      leave();
    }
  }

  /** One more level of nesting; the caller leaves it with {@link #leave()}. */
  void enter() {
    if (++depth > ValueCodec.MAX_DEPTH) {
      throw bad("nesting deeper than " + ValueCodec.MAX_DEPTH + " levels");
    }
  }

  /** Leaves the level {@link #enter()} entered. */
  void leave() {
    depth--;
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
      return map(b & 0x0f, false);
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
      case 0xde: return map(u16(), false);
      case 0xdf: return map(length32(), false);
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
      list = drainInto(new ArrayList<>(n), base); // sized by what arrived, not by what was claimed
    }
    level = deepest;
    return list;
  }

  /** A map of {@code n} entries; {@code valuesOnly}: a record's map, of which only the values count for its level. */
  Map<Object, Object> map(int n, boolean valuesOnly) {
    checkCount(n, 2);
    int base = top;
    int mark = keyMark();
    int deepestKey = 0;
    int deepestValue = 0;
    for (int i = 0; i < n; i++) {
      push(key(i));
      deepestKey = Math.max(deepestKey, level);
      push(read());
      deepestValue = Math.max(deepestValue, level);
    }
    checkKeys(base, 2, n, mark, "map");
    Map<Object, Object> map = new LinkedHashMap<>(capacityFor(n));
    for (int i = base; i < base + 2 * n; i += 2) {
      map.put(stack[i], stack[i + 1]);
    }
    release(base);
    keysDone(mark);
    int nested = nestedLevel(deepestKey);
    level = valuesOnly ? deepestValue : Math.max(deepestValue, nested);
    return map;
  }

  /** A set's payload: an array of its elements, counted as one more level of nesting. */
  Set<Object> set() {
    enter();
    try {
      int n = arrayHeader();
      if (n < 0) {
        pos++;
        throw bad("a set must hold an array");
      }
      checkCount(n, 1);
      int base = top;
      int mark = keyMark();
      int deepest = 0;
      for (int i = 0; i < n; i++) {
        push(key(i));
        deepest = Math.max(deepest, level);
      }
      checkKeys(base, 1, n, mark, "set");
      Set<Object> set = drainInto(new LinkedHashSet<>(capacityFor(n)), base);
      keysDone(mark);
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
      keyCheck().noteNested(index, level);
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

  private KeyCheck keyCheck() {
    if (keyCheck == null) {
      keyCheck = new KeyCheck();
    }
    return keyCheck;
  }

  private int keyMark() {
    return keyCheck == null ? 0 : keyCheck.mark();
  }

  /** Refuses the keys of a map or set being built if inserting them could be more than linear (see KeyCheck). */
  private void checkKeys(int base, int stride, int n, int mark, String what) {
    if (n <= ValueCodec.MAX_KEYS_PER_HASH && keyMark() == mark) {
      return; // too few keys to collide, and none holds a map or set
    }
    String refusal = keyCheck().refusal(stack, base, stride, n, mark, what);
    if (refusal != null) {
      throw bad(refusal);
    }
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

  /** Moves the elements from {@code base} up into {@code out}, so that the scratch stack does not keep them. */
  private <C extends Collection<Object>> C drainInto(C out, int base) {
    for (int i = base; i < top; i++) {
      out.add(stack[i]);
    }
    release(base);
    return out;
  }

  /** Drops the elements from {@code base} up, so that the scratch stack does not keep them alive. */
  private void release(int base) {
    if (top > base) {
      Arrays.fill(stack, base, top, null);
    }
    top = base;
  }

  /** Forgets the key notes of a finished map or set. */
  private void keysDone(int mark) {
    if (keyCheck != null) {
      keyCheck.reset(mark);
    }
  }

  private Object ext(int length) {
    int type = (byte) u8();
    need(length);
    int end = pos + length;
    int savedLimit = limit;
    limit = end;
    try {
      Object value = ExtensionReader.read(this, type, length);
      if (pos != end) {
        throw bad("extension " + type + " has " + (end - pos) + " unread bytes");
      }
      return value;
    } finally {
      limit = savedLimit;
    }
  }
}
