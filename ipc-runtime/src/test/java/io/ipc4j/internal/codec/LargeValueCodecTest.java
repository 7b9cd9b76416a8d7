package io.ipc4j.internal.codec;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Large byte arrays and strings, and strings on either side of the length from which the writer hands them to the
 * JDK's encoder: each comes back as it went, and is encoded as standard MessagePack whichever way it was written.
 */
class LargeValueCodecTest {
  private static final ValueCodec CODEC = TestCodecs.codec();
  private static final int BULK = MessagePackWriter.BULK_STRING_CHARS;

  private static byte[] pattern(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) (i * 7 + 3);
    }
    return bytes;
  }

  /** The standard MessagePack encoding of a str whose UTF-8 bytes are {@code utf8}, written out by hand. */
  private static byte[] expectedStr(byte[] utf8) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = utf8.length;
    if (n < 32) {
      out.write(0xa0 | n);
    } else if (n < 256) {
      out.write(0xd9);
      out.write(n);
    } else if (n < 65536) {
      out.write(0xda);
      out.write(n >>> 8);
      out.write(n);
    } else {
      out.write(0xdb);
      for (int shift = 24; shift >= 0; shift -= 8) {
        out.write(n >>> shift);
      }
    }
    out.writeBytes(utf8);
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 255, 256, 65_535, 65_536, 256 * 1024, 3 << 20})
  void byteArraysOfEverySizeComeBackWithTheirBytes(int n) {
    byte[] bytes = pattern(n);
    Object[] back = CODEC.decodeArgs(CODEC.encodeArgs(new Object[] {bytes, "after"}));
    assertThat((byte[]) back[0]).isEqualTo(bytes);
    assertThat(back[1]).isEqualTo("after");
    assertThat((byte[]) CODEC.decodeValue(CODEC.encodeValue(bytes))).isEqualTo(bytes);
  }

  @Test
  void stringsAroundTheBulkLengthAreStandardStrWithMultiByteCharsAnywhere() {
    String[] inserts = {"é", "✓", "😀", "\uD800"}; // 2, 3 and 4 UTF-8 bytes, and an unpaired surrogate
    for (int n = BULK - 3; n <= BULK + 3; n++) {
      String ascii = "q".repeat(n);
      assertThat(CODEC.encodeValue(ascii)).isEqualTo(expectedStr(ascii.getBytes(StandardCharsets.US_ASCII)));
      for (String insert : inserts) {
        for (int at : new int[] {0, n / 2, Math.max(0, n - 1), Math.max(0, BULK - 1 - insert.length())}) {
          String s = ascii.substring(0, Math.min(at, n)) + insert + ascii.substring(Math.min(at, n));
          byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
          assertThat(CODEC.encodeValue(s)).isEqualTo(expectedStr(utf8));
          assertThat(CODEC.decodeValue(CODEC.encodeValue(s))).isEqualTo(new String(utf8, StandardCharsets.UTF_8));
        }
      }
    }
  }

  @Test
  void stringsAtTheStrHeaderBoundariesAndOfMegabytesComeBackAsTheyWent() {
    for (int n : new int[] {31, 32, 255, 256, 65_535, 65_536, 3 << 20}) {
      String ascii = "z".repeat(n);
      String twoByte = "ж".repeat(n / 2) + "z".repeat(n % 2); // the same n UTF-8 bytes
      String fourByte = "😀".repeat(n / 4) + "z".repeat(n % 4);
      for (String s : List.of(ascii, twoByte, fourByte)) {
        byte[] encoded = CODEC.encodeValue(s);
        assertThat(encoded.length).isEqualTo(expectedStr(s.getBytes(StandardCharsets.UTF_8)).length);
        assertThat(CODEC.decodeValue(encoded)).isEqualTo(s);
      }
    }
  }

  @Test
  void largeAndSmallValuesMixedInOneCallComeBackInOrder() {
    byte[] big = pattern(3 << 20);
    String longText = "ü".repeat(300_000) + "end";
    Object[] args = {"a", big, longText, 42, pattern(BULK), "x".repeat(BULK)};
    Object[] back = CODEC.decodeArgs(CODEC.encodeArgs(args));
    assertThat(back[0]).isEqualTo("a");
    assertThat((byte[]) back[1]).isEqualTo(big);
    assertThat(back[2]).isEqualTo(longText);
    assertThat(back[3]).isEqualTo(42);
    assertThat((byte[]) back[4]).isEqualTo(pattern(BULK));
    assertThat(back[5]).isEqualTo("x".repeat(BULK));
  }
}
