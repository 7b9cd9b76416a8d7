package io.ipc4j.internal.codec;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Inputs built to make a decoder spend: each shape repeats its cheapest-to-send, dearest-to-decode unit until the
 * input has the requested size. Also the per-thread allocation meter the bounds are checked with.
 */
final class AdversarialInputs {
  /** A named way to fill {@code size} bytes. */
  record Attack(String name, IntFunction<byte[]> build) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final HexFormat HEX = HexFormat.of();
  static final String POINT = "io.ipc4j.internal.codec.TestCodecs$Point";
  static final String COLOR = "io.ipc4j.internal.codec.TestCodecs$Color";

  private AdversarialInputs() {}

  /** Every shape the allocation and time bounds are checked against. */
  static List<Attack> shapes() {
    List<Attack> shapes = new ArrayList<>();
    shapes.add(new Attack("nested arrays each claiming the bytes that remain", AdversarialInputs::nestedClaims));
    shapes.add(new Attack("nested maps each claiming the bytes that remain", AdversarialInputs::nestedMapClaims));
    shapes.add(new Attack("arrays nested 511 deep, repeated", size -> repeated(size, nested(0x91, 510, "90"))));
    shapes.add(new Attack("arrays of 15 claimed elements nested 511 deep", size -> repeated(size,
        nested(0x9f, 510, "90"))));
    shapes.add(new Attack("arrays of 15 elements, each an array of 15", size -> repeated(size,
        concat(hex("9f"), nested(0x9f, 1, "000102030405060708090a0b0c0d0e"), hex("0102030405060708090a0b0c0d0e")))));
    shapes.add(new Attack("empty arrays", size -> repeated(size, hex("90"))));
    shapes.add(new Attack("arrays of one empty array", size -> repeated(size, hex("9190"))));
    shapes.add(new Attack("empty maps", size -> repeated(size, hex("80"))));
    shapes.add(new Attack("maps of an empty map to an empty map", size -> repeated(size, hex("818080"))));
    shapes.add(new Attack("binary trees of maps", size -> repeated(size, mapTree(7))));
    shapes.add(new Attack("maps nested 16 deep through keys", size -> repeated(size, keyChain(15))));
    shapes.add(new Attack("sets nested 16 deep", size -> repeated(size, setChain(16))));
    shapes.add(new Attack("maps of 15 distinct small keys", size -> repeated(size, smallMap())));
    shapes.add(new Attack("empty sets", size -> repeated(size, hex("d40190"))));
    shapes.add(new Attack("sets of an empty set", size -> repeated(size, hex("c7040191d40190"))));
    shapes.add(new Attack("empty strings", size -> repeated(size, hex("a0"))));
    shapes.add(new Attack("one-letter strings", size -> repeated(size, hex("a141"))));
    shapes.add(new Attack("invalid UTF-8 strings", size -> repeated(size, hex("a1ff"))));
    shapes.add(new Attack("non-Latin strings", size -> repeated(size, hex("a3e282ac"))));
    shapes.add(new Attack("empty bins", size -> repeated(size, hex("c400"))));
    shapes.add(new Attack("one-byte big integers", size -> repeated(size, hex("d40401"))));
    shapes.add(new Attack("one-byte big decimals", size -> repeated(size, hex("d5050001"))));
    shapes.add(new Attack("unsigned 64-bit ints above Long.MAX_VALUE", size -> repeated(size, hex("cfffffffffffffffff"))));
    shapes.add(new Attack("records with no components", size -> repeated(size, ext(6, concat(str(POINT), hex("80"))))));
    shapes.add(new Attack("records with both components", size -> repeated(size,
        ext(6, concat(str(POINT), hex("82a17801a17902"))))));
    shapes.add(new Attack("enum constants", size -> repeated(size, ext(7, concat(str(COLOR), str("RED"))))));
    shapes.add(new Attack("32-bit timestamps", size -> repeated(size, hex("d6ff00000001"))));
    shapes.add(new Attack("64-bit timestamps", size -> repeated(size, hex("d7ff0000000400000001"))));
    shapes.add(new Attack("96-bit timestamps", size -> repeated(size, hex("c70cff00000001ffffffffffffffff"))));
    shapes.add(new Attack("durations", size -> repeated(size, hex("d5080101"))));
    shapes.add(new Attack("characters", size -> repeated(size, hex("d5031234"))));
    shapes.add(new Attack("UUIDs", size -> repeated(size, hex("d80900000000000000010000000000000002"))));
    shapes.add(new Attack("floats", size -> repeated(size, hex("ca3fc00000"))));
    shapes.add(new Attack("doubles", size -> repeated(size, hex("cb3ff8000000000000"))));
    shapes.add(new Attack("ints", size -> repeated(size, hex("d212345678"))));
    shapes.add(new Attack("longs", size -> repeated(size, hex("d31234567812345678"))));
    shapes.add(new Attack("empty primitive arrays", size -> repeated(size, hex("d4025a"))));
    shapes.add(new Attack("one big string", size -> wrap(strOfLength(size - 10))));
    shapes.add(new Attack("one big bin", size -> wrap(binOfLength(size - 10))));
    shapes.add(new Attack("one big int array", size -> wrap(ext(2, concat(hex("49"), new byte[(size - 16) / 4 * 4])))));
    shapes.add(new Attack("map of distinct int keys", AdversarialInputs::distinctIntKeys));
    shapes.add(new Attack("map of int keys in one hash bucket", AdversarialInputs::oneBucketIntKeys));
    shapes.add(new Attack("map of colliding list keys", size -> collidingListKeys((size - 10) / 12)));
    shapes.add(new Attack("map of colliding string keys", AdversarialInputs::collidingStringKeys));
    shapes.add(new Attack("set of colliding list elements", AdversarialInputs::collidingSet));
    shapes.add(new Attack("map of colliding keys of several classes", AdversarialInputs::mixedClassKeys));
    shapes.add(new Attack("keys nested in keys around a big key", AdversarialInputs::nestedKeys));
    shapes.add(new Attack("maps of 64 colliding list keys", size -> repeated(size, collidingListKeys(64))));
    shapes.add(new Attack("sets of 8 colliding sets of 64 colliding lists", size -> repeated(size, setsOfSets())));
    return shapes;
  }

  /** One top-level array of {@code unit} repeated to fill {@code size} bytes. */
  static byte[] repeated(int size, byte[] unit) {
    int count = Math.max(1, (size - 5) / unit.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream(5 + count * unit.length);
    arrayHeader(out, count);
    for (int i = 0; i < count; i++) {
      out.writeBytes(unit);
    }
    return out.toByteArray();
  }

  /** The attack reported first: 511 array32 headers, each claiming all the bytes that follow, then zeros. */
  static byte[] nestedClaims(int size) {
    return claims(size, 0xdd, 1);
  }

  static byte[] nestedMapClaims(int size) {
    return claims(size, 0xdf, 2);
  }

  private static byte[] claims(int size, int header, int bytesPerEntry) {
    int levels = 511;
    byte[] b = new byte[size];
    int p = 0;
    for (int level = 0; level < levels; level++) {
      int remaining = size - p - 5;
      b[p++] = (byte) header;
      put32(b, p, remaining / bytesPerEntry);
      p += 4;
    }
    return b; // the rest stays 0x00: fixint zeros
  }

  static byte[] nested(int header, int levels, String innermost) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < levels; i++) {
      out.write(header);
    }
    out.writeBytes(hex(innermost));
    return out.toByteArray();
  }

  /** t(0) = {}; t(d) = {t(d-1): t(d-1)}. */
  static byte[] mapTree(int depth) {
    if (depth == 0) {
      return hex("80");
    }
    byte[] child = mapTree(depth - 1);
    return concat(hex("81"), child, child);
  }

  /** {{{...{}: nil}...: nil}: nil}: every map is the key of the next, so each is hashed once per map around it. */
  static byte[] keyChain(int levels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < levels; i++) {
      out.write(0x81);
    }
    out.write(0x80);
    for (int i = 0; i < levels; i++) {
      out.write(0xc0);
    }
    return out.toByteArray();
  }

  /** A set of a set of ... an empty set. */
  static byte[] setChain(int levels) {
    byte[] set = hex("d40190");
    for (int i = 1; i < levels; i++) {
      set = ext(1, concat(hex("91"), set));
    }
    return set;
  }

  private static byte[] smallMap() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x8f);
    for (int k = 0; k < 15; k++) {
      out.write(k);
      out.write(0xc0);
    }
    return out.toByteArray();
  }

  static byte[] distinctIntKeys(int size) {
    int n = (size - 5) / 6;
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    mapHeader(out, n);
    for (int i = 0; i < n; i++) {
      out.write(0xd2);
      out.writeBytes(int32(i * 7919 + 1_000_000));
      out.write(0xc0);
    }
    return out.toByteArray();
  }

  /** Int keys (x << 16) | x: distinct hash codes that HashMap spreads into one bucket of any table up to 2^16. */
  static byte[] oneBucketIntKeys(int size) {
    int n = Math.min((size - 5) / 6, 65_535);
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    mapHeader(out, n);
    for (int x = 1; x <= n; x++) {
      out.write(0xd2);
      out.writeBytes(int32((x << 16) | x));
      out.write(0xc0);
    }
    return out.toByteArray();
  }

  /** The reported map: keys [a, -31a], all with List.hashCode() 961, values nil. */
  static byte[] collidingListKeys(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(n * 12 + 5);
    mapHeader(out, n);
    for (int a = 1; a <= n; a++) {
      out.write(0x92);
      out.write(0xd2);
      out.writeBytes(int32(a));
      out.write(0xd2);
      out.writeBytes(int32(-31 * a));
      out.write(0xc0);
    }
    return out.toByteArray();
  }

  /**
   * A set of 8 sets of 64 lists {@code [a, -31a]}: the inner sets share a hash code (64 * 961) but differ, so each
   * one inserted is compared with the earlier ones, each comparison looking 64 lists up among 64 of the same hash.
   */
  static byte[] setsOfSets() {
    ByteArrayOutputStream outer = new ByteArrayOutputStream();
    outer.write(0x98);
    for (int s = 0; s < 8; s++) {
      ByteArrayOutputStream inner = new ByteArrayOutputStream();
      inner.write(0xdc);
      inner.write(0);
      inner.write(64);
      for (int i = 1; i <= 64; i++) {
        int a = s * 64 + i;
        inner.write(0x92);
        inner.write(0xd2);
        inner.writeBytes(int32(a));
        inner.write(0xd2);
        inner.writeBytes(int32(-31 * a));
      }
      outer.writeBytes(ext(1, inner.toByteArray()));
    }
    return ext(1, outer.toByteArray());
  }

  /** Strings made of blocks "Aa" or "BB" (equal hash codes), so every key of one length shares a hash code. */
  static byte[] collidingStringKeys(int size) {
    int blocks = 10; // 2^10 distinct keys of 20 chars, 22 bytes with a value
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    int n = Math.min((size - 5) / 22, 1 << blocks);
    mapHeader(out, n);
    for (int k = 0; k < n; k++) {
      StringBuilder key = new StringBuilder();
      for (int j = 0; j < blocks; j++) {
        key.append((k >> j & 1) == 0 ? "Aa" : "BB");
      }
      out.writeBytes(str(key.toString()));
      out.write(0xc0);
    }
    return out.toByteArray();
  }

  static byte[] collidingSet(int size) {
    int n = (size - 10) / 11;
    ByteArrayOutputStream elements = new ByteArrayOutputStream(size);
    arrayHeader(elements, n);
    for (int a = 1; a <= n; a++) {
      elements.write(0x92);
      elements.write(0xd2);
      elements.writeBytes(int32(a));
      elements.write(0xd2);
      elements.writeBytes(int32(-31 * a));
    }
    return ext(1, elements.toByteArray());
  }

  /**
   * Long and Double keys whose hash codes are all 97 ({@code (k << 32) | (k ^ 97)}: the halves cancel), alternating,
   * with a few Strings, Integers, Floats, Characters and Lists of that hash among them.
   */
  static byte[] mixedClassKeys(int size) {
    byte[][] few = {str("a"), hex("61"), hex("ca00000061"), hex("d5030061"), hex("9142")};
    int n = (size - 5) / 10;
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 16);
    mapHeader(out, n);
    for (int i = 0; i < n; i++) {
      if (i < few.length) {
        out.writeBytes(few[i]);
      } else {
        long k = i;
        long bits = (k << 32) | ((k ^ 97) & 0xffffffffL);
        out.write(i % 2 == 0 ? 0xd3 : 0xcb);
        out.writeBytes(int32((int) (bits >>> 32)));
        out.writeBytes(int32((int) bits));
      }
      out.write(0xc0);
    }
    return out.toByteArray();
  }

  /** {[{[ ... {[big list]: nil} ... ]: nil}]: nil}: every level's key holds everything below it. */
  static byte[] nestedKeys(int size) {
    int levels = 250;
    int leafCount = Math.max(1, size - 5 - levels * 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    for (int i = 0; i < levels; i++) {
      out.write(0x81); // map of one entry whose key is
      out.write(0x91); // a list of one element:
    }
    arrayHeader(out, leafCount);
    for (int i = 0; i < leafCount; i++) {
      out.write(i & 0x7f);
    }
    for (int i = 0; i < levels; i++) {
      out.write(0xc0); // each map's value
    }
    return out.toByteArray();
  }

  static byte[] wrap(byte[] value) {
    return concat(hex("91"), value);
  }

  static byte[] strOfLength(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 5);
    out.write(0xdb);
    out.writeBytes(int32(n));
    out.writeBytes("x".repeat(n).getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  static byte[] binOfLength(int n) {
    return concat(hex("c6"), int32(n), new byte[n]);
  }

  static byte[] str(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (utf8.length < 32) {
      return concat(new byte[] {(byte) (0xa0 | utf8.length)}, utf8);
    }
    if (utf8.length < 256) {
      return concat(new byte[] {(byte) 0xd9, (byte) utf8.length}, utf8);
    }
    return concat(new byte[] {(byte) 0xdb}, int32(utf8.length), utf8);
  }

  static byte[] ext(int type, byte[] payload) {
    return concat(new byte[] {(byte) 0xc9}, int32(payload.length), new byte[] {(byte) type}, payload);
  }

  static void arrayHeader(ByteArrayOutputStream out, int n) {
    out.write(0xdd);
    out.writeBytes(int32(n));
  }

  static void mapHeader(ByteArrayOutputStream out, int n) {
    out.write(0xdf);
    out.writeBytes(int32(n));
  }

  static byte[] int32(int v) {
    byte[] b = new byte[4];
    put32(b, 0, v);
    return b;
  }

  static void put32(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] hex(String hex) {
    return HEX.parseHex(hex);
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Bytes allocated so far by the calling thread (HotSpot's per-thread counter). */
  static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
