package io.ipc4j.internal.codec;

import static com.google.common.truth.Truth.assertThat;
import static io.ipc4j.internal.codec.AdversarialInputs.concat;
import static io.ipc4j.internal.codec.AdversarialInputs.ext;
import static io.ipc4j.internal.codec.AdversarialInputs.hex;
import static io.ipc4j.internal.codec.AdversarialInputs.str;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Every malformed value ends as {@link MalformedValueException}, whatever the JDK constructor behind it would throw,
 * and no error message quotes more than a line of what was sent.
 */
class ValueDecoderErrorTest {
  /** Codecs for no record or enum but the tests' own. */
  private static final ValueCodec CODEC = TestCodecs.codec();

  private static MalformedValueException refused(String hex) {
    return refused(hex(hex));
  }

  private static MalformedValueException refused(byte[] input) {
    return assertThrows(MalformedValueException.class, () -> CODEC.decodeValue(input));
  }

  @Test
  void durationsAndTimestampsWhoseSecondsOverflowAreMalformedNotArithmetic() {
    refused("c70e08cf7fffffffffffffffd27fffffff"); // Duration: seconds 2^63 - 1, nanos 2^31 - 1
    refused("c70e08d38000000000000000d2ffffffff"); // Duration: seconds -2^63, nanos -1
    refused("c70cffffffffff7fffffffffffffff"); // 96-bit timestamp: nanos 2^32 - 1, seconds 2^63 - 1
  }

  @Test
  void timestampNanosecondsOutsideTheirRangeAreMalformed() {
    // 64-bit form: 30 bits of nanoseconds, 34 of seconds; 1,000,000,000 nanoseconds is one too many
    long tooMany = 1_000_000_000L << 34;
    assertThat(refused(concat(hex("d7ff"), AdversarialInputs.int32((int) (tooMany >>> 32)),
        AdversarialInputs.int32((int) tooMany)))).hasMessageThat().contains("nanoseconds");
    long most = 999_999_999L << 34 | 5;
    assertThat(CODEC.decodeValue(concat(hex("d7ff"), AdversarialInputs.int32((int) (most >>> 32)),
        AdversarialInputs.int32((int) most)))).isEqualTo(Instant.ofEpochSecond(5, 999_999_999));
    // 96-bit form: a u32 of nanoseconds, then signed seconds
    refused("c70cff3b9aca000000000000000001");
    assertThat(CODEC.decodeValue(hex("c70cff3b9ac9ff0000000000000001")))
        .isEqualTo(Instant.ofEpochSecond(1, 999_999_999));
    long afterMax = Instant.MAX.getEpochSecond() + 1;
    refused(concat(hex("c70cff00000000"), AdversarialInputs.int32((int) (afterMax >>> 32)),
        AdversarialInputs.int32((int) afterMax)));
    refused("c70cff000000008000000000000000"); // seconds -2^63, far before Instant.MIN
  }

  @Test
  void durationsNeedIntegerSecondsAndNanosecondsInRange() {
    assertThat(refused("d5080080")).hasMessageThat().contains("integer seconds"); // nanos {}
    refused("c70a08cb3ff800000000000000"); // 1.5 seconds as a double, no nanos
    refused(ext(8, hex("cb3ff800000000000000"))); // seconds 1.5, nanos 0: was read as 1 s
    refused(ext(8, hex("01d23b9aca00"))); // nanos 1,000,000,000
    refused(ext(8, hex("01ff"))); // nanos -1
    assertThat(CODEC.decodeValue(ext(8, hex("cf7fffffffffffffffd23b9ac9ff"))))
        .isEqualTo(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
  }

  @Test
  void bigNumbersAndOtherExtensionsRefuseWhatTheyCannotHold() {
    refused(ext(5, hex("cb0000000000000000" + "01"))); // a big decimal's scale as a double
    refused(ext(5, hex("00"))); // a scale and no digits
    assertThat(CODEC.decodeValue(ext(5, hex("d27fffffff01")))).isEqualTo(BigDecimal.valueOf(1, Integer.MAX_VALUE));
    refused("c70004"); // an empty big integer
    refused("d50301"); // a character of one byte
    refused("c7030200"); // a primitive array of kind 0x00
    refused("c702025a02"); // a boolean 2
    refused("c703024900"); // an int array of 2 bytes
    refused("d40900"); // a UUID of one byte
    assertThat(CODEC.decodeValue(hex("cfffffffffffffffff"))).isEqualTo(BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
  }

  @Test
  void aRecordWhoseCodecRefusesItsComponentsIsMalformedAndItsMessageDoesNotQuoteThem() {
    String huge = "x".repeat(100_000);
    byte[] input = ext(6, concat(str(AdversarialInputs.POINT), hex("81a178"), str(huge)));
    MalformedValueException e = refused(input);
    assertThat(e).hasMessageThat().contains("record 'io.ipc4j.internal.codec.TestCodecs$Point' refused its components");
    assertThat(e.getMessage().length()).isLessThan(400);
  }

  @Test
  void anUnknownEnumConstantIsMalformedAndItsNameIsCutShort() {
    MalformedValueException e = refused(ext(7, concat(str(AdversarialInputs.COLOR), str("BLUE".repeat(10_000)))));
    assertThat(e).hasMessageThat().contains("has no constant 'BLUEBLUE");
    assertThat(e.getMessage().length()).isLessThan(400);
  }

  @Test
  void aRecordOrEnumWithNoCodecOnThisSideArrivesAsItsComponentsOrItsName() {
    Object record = CODEC.decodeValue(ext(6, concat(str("com.example.Gone"), hex("82a178"), hex("01a179"), str("z"))));
    assertThat(record).isInstanceOf(java.util.LinkedHashMap.class);
    assertThat(((java.util.Map<?, ?>) record).keySet()).containsExactly("x", "y").inOrder();
    assertThat(record).isEqualTo(java.util.Map.of("x", 1, "y", "z"));
    assertThat(CODEC.decodeValue(ext(7, concat(str("e".repeat(50_000)), str("A"))))).isEqualTo("A");
  }

  @Test
  void aRecordOrEnumWithNoCodecIsStillMalformedWhenItsPayloadIs() {
    assertThat(refused(ext(6, concat(str("com.example.Gone"), hex("01")))))
        .hasMessageThat().contains("record 'com.example.Gone' must hold a map of its components");
    assertThat(refused(ext(7, concat(str("e".repeat(50_000)), hex("01")))).getMessage().length()).isLessThan(400);
  }

  @Test
  void emptyStringsAreTheEmptyString() {
    assertThat(CODEC.decodeValue(hex("a0"))).isEqualTo("");
    assertThat(CODEC.decodeValue(hex("d900"))).isEqualTo("");
  }
}
