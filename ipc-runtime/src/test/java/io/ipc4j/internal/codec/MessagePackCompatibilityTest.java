package io.ipc4j.internal.codec;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/** Our bytes are MessagePack: msgpack-core reads what we write, and we read what msgpack-core writes. */
class MessagePackCompatibilityTest {
  /** A codec with no record or enum codecs: these tests send none. */
  private static final ValueCodec CODEC = new ValueCodec(new CodecRegistry());

  @Test
  void msgpackCoreReadsOurStandardTypes() throws IOException {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("k", java.util.Arrays.asList(1, -1, 300, -70000, 5_000_000_000L, 1.5f, 2.5, true, null, "s",
        new byte[] {9}));
    byte[] ours = CODEC.encodeValue(map);
    try (MessageUnpacker in = MessagePack.newDefaultUnpacker(ours)) {
      Value value = in.unpackValue();
      assertThat(in.hasNext()).isFalse();
      Value list = value.asMapValue().map().get(ValueFactory.newString("k"));
      List<Value> items = list.asArrayValue().list();
      assertThat(items.get(0).asIntegerValue().asInt()).isEqualTo(1);
      assertThat(items.get(1).asIntegerValue().asInt()).isEqualTo(-1);
      assertThat(items.get(2).asIntegerValue().asInt()).isEqualTo(300);
      assertThat(items.get(3).asIntegerValue().asInt()).isEqualTo(-70000);
      assertThat(items.get(4).asIntegerValue().asLong()).isEqualTo(5_000_000_000L);
      assertThat(items.get(5).asFloatValue().toFloat()).isEqualTo(1.5f);
      assertThat(items.get(6).asFloatValue().toDouble()).isEqualTo(2.5);
      assertThat(items.get(7).asBooleanValue().getBoolean()).isTrue();
      assertThat(items.get(8).isNilValue()).isTrue();
      assertThat(items.get(9).asStringValue().asString()).isEqualTo("s");
      assertThat(items.get(10).asBinaryValue().asByteArray()).isEqualTo(new byte[] {9});
    }
  }

  @Test
  void msgpackCoreReadsOurInstantsAsTimestamps() throws IOException {
    for (Instant instant : new Instant[] {Instant.ofEpochSecond(5), Instant.ofEpochSecond(5, 7),
        Instant.ofEpochSecond(-5, 7), Instant.MAX}) {
      try (MessageUnpacker in = MessagePack.newDefaultUnpacker(CODEC.encodeValue(instant))) {
        assertThat(in.unpackTimestamp()).isEqualTo(instant);
      }
    }
  }

  @Test
  void weReadMsgpackCoresBytesIncludingFormsWeNeverWrite() throws IOException {
    MessageBufferPacker out = MessagePack.newDefaultBufferPacker();
    out.packArrayHeader(9);
    out.packBigInteger(new BigInteger("18446744073709551615")); // uint64 max
    out.packLong(-5_000_000_000L);
    out.packString("héllo");
    out.packBinaryHeader(2).writePayload(new byte[] {7, 8});
    out.packMapHeader(1).packString("a").packBoolean(false);
    out.packTimestamp(Instant.ofEpochSecond(-1, 500));
    out.packFloat(0.25f);
    out.packDouble(-0.0);
    out.packNil();
    // a str32 header for a short string, which we never write
    out.addPayload(new byte[] {(byte) 0xdb, 0, 0, 0, 2, 'h', 'i'});
    out.close();
    byte[] theirs = out.toByteArray();
    // The array header says 9; the str32 is a 10th value: read the array, then the trailing value separately.
    int arrayEnd = theirs.length - 7;
    Object[] values = CODEC.decodeArgs(theirs, 0, arrayEnd);
    assertThat(values[0]).isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(values[1]).isEqualTo(-5_000_000_000L);
    assertThat(values[2]).isEqualTo("héllo");
    assertThat((byte[]) values[3]).isEqualTo(new byte[] {7, 8});
    assertThat(values[4]).isEqualTo(Map.of("a", false));
    assertThat(values[5]).isEqualTo(Instant.ofEpochSecond(-1, 500));
    assertThat(values[6]).isEqualTo(0.25f);
    assertThat(Double.doubleToRawLongBits((Double) values[7])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(values[8]).isNull();
    assertThat(CODEC.decodeValue(java.util.Arrays.copyOfRange(theirs, arrayEnd, theirs.length))).isEqualTo("hi");
  }

  @Test
  void weReadArray32Map32AndAllExtensionHeaderForms() throws IOException {
    MessageBufferPacker out = MessagePack.newDefaultBufferPacker();
    out.addPayload(new byte[] {(byte) 0xdd, 0, 0, 0, 1, 5}); // array32 of [5]
    out.addPayload(new byte[] {(byte) 0xdf, 0, 0, 0, 1, (byte) 0xa1, 'k', 6}); // map32 {k: 6}
    out.close();
    byte[] bytes = out.toByteArray();
    assertThat(CODEC.decodeValue(java.util.Arrays.copyOf(bytes, 6))).isEqualTo(List.of(5));
    assertThat(CODEC.decodeValue(java.util.Arrays.copyOfRange(bytes, 6, bytes.length))).isEqualTo(Map.of("k", 6));
    // A character written by msgpack-core as ext8 instead of fixext2 is still a character.
    MessageBufferPacker ext = MessagePack.newDefaultBufferPacker();
    ext.addPayload(new byte[] {(byte) 0xc7, 2, 3, 0, 'A'});
    ext.close();
    assertThat(CODEC.decodeValue(ext.toByteArray())).isEqualTo('A');
  }
}
