package io.ipc4j.internal.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The MessagePack reading primitives under {@link ValueDecoder}: a cursor over part of a buffer that checks every
 * length and count against the bytes that remain before it reads or allocates anything, and reports what it refuses
 * as a {@link MalformedValueException} at the offset where it stopped. A base class rather than a field, so that a
 * decode allocates one object, not two.
 */
abstract sealed class MessagePackReader permits ValueDecoder {
  /** Names quoted in an error message are cut to this many characters. */
  private static final int MAX_QUOTED_CHARS = 80;

  /** The input; another one when a thread's decoder is reused (see {@link CodecScratch}). */
  byte[] buf;
  int pos;
  int limit;

  MessagePackReader(byte[] buf, int off, int len) {
    reset(buf, off, len);
  }

  /** Points the cursor at the start of another input. */
  final void reset(byte[] buf, int off, int len) {
    if (off < 0 || len < 0 || off + len > buf.length || off + len < 0) {
      throw new IllegalArgumentException("bad range " + off + "+" + len + " of " + buf.length);
    }
    this.buf = buf;
    this.pos = off;
    this.limit = off + len;
  }

  final void expectEnd() {
    if (pos != limit) {
      throw bad((limit - pos) + " unexpected trailing bytes");
    }
  }

  /**
   * The element count of the array header at the cursor, which it consumes; or -1, consuming nothing, if the next
   * value is not an array.
   */
  final int arrayHeader() {
    return countHeader(0x90, 0xdc);
  }

  /** Like {@link #arrayHeader()}, for a map header: its entry count, or -1 if the next value is not a map. */
  final int mapHeader() {
    return countHeader(0x80, 0xde);
  }

  /** A header with a 4-bit form ({@code fix} in the high nibble) and 16 and 32-bit forms ({@code code16}, next). */
  private int countHeader(int fix, int code16) {
    int b = peek();
    if ((b & 0xf0) == fix) {
      pos++;
      return b & 0x0f;
    }
    if (b == code16) {
      pos++;
      return u16();
    }
    if (b == code16 + 1) {
      pos++;
      return length32OrThrow();
    }
    return -1;
  }

  /** A 32-bit count that the header names: one above Integer.MAX_VALUE cannot fit in what remains. */
  private int length32OrThrow() {
    int n = length32();
    if (n < 0) {
      throw countBeyond(n);
    }
    return n;
  }

  final String string(int n) {
    need(n);
    if (n == 0) {
      return "";
    }
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  /**
   * The byte length of the str header at the cursor, which it consumes; or -1, consuming nothing, if it is no str.
   *
   * @throws MalformedValueException if the input cannot hold that many bytes, as {@link #string} would
   */
  final int strHeader() {
    int b = peek();
    int n;
    if ((b & 0xe0) == 0xa0) {
      pos++;
      n = b & 0x1f;
    } else if (b >= 0xd9 && b <= 0xdb) {
      pos++;
      n = b == 0xd9 ? u8() : b == 0xda ? u16() : length32();
    } else {
      return -1;
    }
    need(n);
    return n;
  }

  /**
   * Whether the value at the cursor is the str {@code s}: if so it is consumed, else nothing is.
   *
   * @throws MalformedValueException if it is a str the input cannot hold
   */
  final boolean skipIfStr(String s) {
    int start = pos;
    int n = strHeader();
    if (n >= 0 && spells(s, n)) {
      pos += n;
      return true;
    }
    pos = start;
    return false;
  }

  /**
   * Which of {@code names} the {@code n} bytes at the cursor spell in UTF-8 (they are consumed), trying
   * {@code expected} first: a record's own encoder sends its components in order. No string is made unless a name
   * has characters beyond ASCII.
   *
   * @return the index of the name, or -1 if they spell none
   */
  final int nameAmong(java.util.List<String> names, int n, int expected) {
    int found = -1;
    if (expected < names.size() && spells(names.get(expected), n)) {
      found = expected;
    } else {
      for (int i = 0; i < names.size(); i++) {
        if (i != expected && spells(names.get(i), n)) {
          found = i;
          break;
        }
      }
    }
    pos += n;
    return found;
  }

  /**
   * Whether the {@code n} bytes at the cursor (which the input holds) are the UTF-8 form of {@code name}, as
   * {@link #string} would read them. An ASCII name is compared byte by byte; only a name beyond ASCII, whose bytes
   * may outnumber its characters, is compared as the string the bytes decode to.
   */
  private boolean spells(String name, int n) {
    int chars = name.length();
    if (chars > n) {
      return false; // n bytes decode to at most n characters
    }
    for (int i = 0; i < chars; i++) {
      char c = name.charAt(i);
      if (c >= 0x80) {
        return name.equals(new String(buf, pos, n, StandardCharsets.UTF_8));
      }
      if (buf[pos + i] != (byte) c) {
        return false; // an ASCII character comes from its own byte only
      }
    }
    return chars == n;
  }

  final byte[] bytes(int n) {
    need(n);
    byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return b;
  }

  final BigInteger bigInteger(int n) {
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

  /** Refuses a count of {@code n} elements of at least {@code minBytesEach} bytes that the input cannot hold. */
  final void checkCount(int n, int minBytesEach) {
    if (n < 0 || (long) n * minBytesEach > limit - pos) {
      throw countBeyond(n);
    }
  }

  private MalformedValueException countBeyond(int n) {
    return bad("a count of " + (n < 0 ? "over 2^31" : String.valueOf(n)) + " with only " + (limit - pos)
        + " bytes left");
  }

  final void need(int n) {
    if (n < 0 || n > limit - pos) {
      throw bad("a length of " + (n < 0 ? (n & 0xffffffffL) : n) + " with only " + (limit - pos) + " bytes left");
    }
  }

  final int peek() {
    need(1);
    return buf[pos] & 0xff;
  }

  final int u8() {
    need(1);
    return buf[pos++] & 0xff;
  }

  final int u16() {
    need(2);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  final int i32() {
    need(4);
    int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
        | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  /** A 32-bit length: anything above Integer.MAX_VALUE cannot fit in what remains. */
  final int length32() {
    int v = i32();
    return v < 0 ? -1 : v;
  }

  final long i64() {
    return ((long) i32() << 32) | (i32() & 0xffffffffL);
  }

  final MalformedValueException bad(String what) {
    return new MalformedValueException(what, pos);
  }

  /** A name from the input, cut short: an error message never carries more than a line of what was sent. */
  static String quote(String s) {
    return s.length() <= MAX_QUOTED_CHARS ? s : s.substring(0, MAX_QUOTED_CHARS) + "…";
  }
}
