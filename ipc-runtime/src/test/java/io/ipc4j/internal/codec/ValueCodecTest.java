package io.ipc4j.internal.codec;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcCloneException;
import io.ipc4j.IpcException;
import io.ipc4j.internal.codec.TestCodecs.Color;
import io.ipc4j.internal.codec.TestCodecs.Point;
import io.ipc4j.internal.codec.TestCodecs.Shape;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The value codec on its own: every kind round-trips as itself; bad input never escapes as anything but IpcException. */
class ValueCodecTest {
  /** Codecs for no record or enum but the tests' own. */
  private static final ValueCodec CODEC = TestCodecs.codec();

  private static Object roundTrip(Object value) {
    return CODEC.decodeValue(CODEC.encodeValue(value));
  }

  @Test
  void integersComeBackAsIntegerWhenTheyFitElseLong() {
    long[] edges = {0, 1, -1, 31, -32, -33, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769, 65535,
        65536, Integer.MAX_VALUE, Integer.MIN_VALUE, 4294967295L, 4294967296L, Long.MAX_VALUE, Long.MIN_VALUE};
    for (long edge : edges) {
      Object back = roundTrip(edge);
      if (edge == (int) edge) {
        assertThat(back).isEqualTo((int) edge);
      } else {
        assertThat(back).isEqualTo(edge);
      }
    }
    assertThat(roundTrip((short) -5)).isEqualTo(-5);
    assertThat(roundTrip((byte) 100)).isEqualTo(100);
  }

  @Test
  void floatsAndDoublesKeepTheirTypeAndBits() {
    for (double d : new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, Double.MAX_VALUE, 1.0 / 3}) {
      Object back = roundTrip(d);
      assertThat(back).isInstanceOf(Double.class);
      assertThat(Double.doubleToRawLongBits((Double) back)).isEqualTo(Double.doubleToRawLongBits(d));
    }
    for (float f : new float[] {-0.0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, 1.1f}) {
      Object back = roundTrip(f);
      assertThat(back).isInstanceOf(Float.class);
      assertThat(Float.floatToRawIntBits((Float) back)).isEqualTo(Float.floatToRawIntBits(f));
    }
  }

  @Test
  void stringsOfEverySizeAndScript() {
    for (String s : new String[] {"", "a", "x".repeat(31), "x".repeat(32), "x".repeat(255), "x".repeat(256),
        "x".repeat(65535), "x".repeat(65536), "ünïcödé ✓ 😀", "x".repeat(3 << 20)}) {
      assertThat(roundTrip(s)).isEqualTo(s);
    }
  }

  @Test
  void bytesAndPrimitiveArraysKeepTheirArrayType() {
    byte[] big = new byte[70_000];
    new Random(1).nextBytes(big);
    assertThat((byte[]) roundTrip(big)).isEqualTo(big);
    assertThat((byte[]) roundTrip(new byte[0])).isEqualTo(new byte[0]);
    assertThat((int[]) roundTrip(new int[] {Integer.MIN_VALUE, 0, 7})).isEqualTo(new int[] {Integer.MIN_VALUE, 0, 7});
    assertThat((long[]) roundTrip(new long[] {Long.MAX_VALUE})).isEqualTo(new long[] {Long.MAX_VALUE});
    assertThat((short[]) roundTrip(new short[] {-1, 2})).isEqualTo(new short[] {-1, 2});
    assertThat((char[]) roundTrip(new char[] {'a', '\uffff'})).isEqualTo(new char[] {'a', '\uffff'});
    assertThat((boolean[]) roundTrip(new boolean[] {true, false})).isEqualTo(new boolean[] {true, false});
    assertThat((float[]) roundTrip(new float[] {1.5f})).isEqualTo(new float[] {1.5f});
    assertThat((double[]) roundTrip(new double[] {2.5})).isEqualTo(new double[] {2.5});
    assertThat((int[]) roundTrip(new int[0])).isEqualTo(new int[0]);
  }

  @Test
  void collectionsKeepTheirKindAndOrder() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("z", 1);
    map.put(2, List.of("a"));
    map.put(null, Set.of());
    Object back = roundTrip(map);
    assertThat(back).isInstanceOf(LinkedHashMap.class);
    assertThat(((Map<?, ?>) back).keySet()).containsExactly("z", 2, null).inOrder();
    Set<Object> set = new LinkedHashSet<>(List.of(3, 1, 2));
    Object setBack = roundTrip(set);
    assertThat(setBack).isInstanceOf(LinkedHashSet.class);
    assertThat((Set<?>) setBack).containsExactly(3, 1, 2).inOrder();
    assertThat(roundTrip(List.of(1, List.of(2, List.of(3))))).isEqualTo(List.of(1, List.of(2, List.of(3))));
    assertThat(roundTrip(new Object[] {"a", 1})).isEqualTo(List.of("a", 1)); // an object array arrives as a List
  }

  @Test
  void timeAndOtherValueTypes() {
    for (Instant i : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(1), Instant.ofEpochSecond(1, 1),
        Instant.ofEpochSecond(-1, 999_999_999), Instant.ofEpochSecond(1L << 34), Instant.MIN, Instant.MAX}) {
      assertThat(roundTrip(i)).isEqualTo(i);
    }
    assertThat(roundTrip(Duration.ofSeconds(-5, 7))).isEqualTo(Duration.ofSeconds(-5, 7));
    UUID uuid = UUID.randomUUID();
    assertThat(roundTrip(uuid)).isEqualTo(uuid);
    assertThat(roundTrip('ß')).isEqualTo('ß');
    assertThat(roundTrip(new BigInteger("-98765432109876543210"))).isEqualTo(new BigInteger("-98765432109876543210"));
    assertThat(roundTrip(new BigDecimal("-1234.5000"))).isEqualTo(new BigDecimal("-1234.5000"));
  }

  @Test
  void registeredRecordsAndEnumsComeBackAsThemselves() {
    Shape shape = new Shape("tri", List.of(new Point(0, 0), new Point(1, 2)), Color.GREEN);
    assertThat(roundTrip(shape)).isEqualTo(shape);
    assertThat(roundTrip(List.of(Color.RED))).isEqualTo(List.of(Color.RED));
  }

  @Test
  void aRecordMissingOrAddingComponentsStaysReadable() {
    MessagePackWriter out = new MessagePackWriter(32);
    int mark = out.beginExt(ValueCodec.EXT_RECORD);
    out.writeString(new TestCodecs.PointCodec().typeName());
    out.writeMapHeader(2);
    out.writeString("y");
    out.writeLong(9);
    out.writeString("addedLater");
    out.writeLong(1);
    out.endExt(mark);
    assertThat(CODEC.decodeValue(out.toByteArray())).isEqualTo(new Point(0, 9));
  }

  @Test
  void unregisteredRecordsAndEnumsAreRefusedAtTheSender() {
    IpcCloneException e = assertThrows(IpcCloneException.class,
        () -> CODEC.encodeArgs(new Object[] {1, Map.of("r", new TestCodecs.Unregistered(1))}));
    assertThat(e).hasMessageThat().startsWith("An object could not be cloned. argument 1 at [1].r is a ");
    assertThat(e).hasMessageThat().contains("@IpcChannel");
    assertThat(e.path()).isEqualTo("[1].r");
    assertThat(e.type()).endsWith("Unregistered");
    assertThrows(IpcCloneException.class, () -> CODEC.encodeValue(TestCodecs.UnregisteredEnum.A));
  }

  @Test
  void unsupportedTypesAreNamedWithTheirPathAndAFix() {
    IpcCloneException thread = assertThrows(IpcCloneException.class,
        () -> CODEC.encodeArgs(new Object[] {"a", Map.of("tags", List.of(1, 2, new Thread()))}));
    assertThat(thread).hasMessageThat().isEqualTo("An object could not be cloned. argument 1 at [1].tags[2] is a "
        + "java.lang.Thread, which has no codec: a thread cannot be sent; send the data it works on instead");
    assertThat(thread.path()).isEqualTo("[1].tags[2]");
    assertThat(thread.type()).isEqualTo("java.lang.Thread");

    Runnable lambda = () -> {};
    assertThat(assertThrows(IpcCloneException.class, () -> CODEC.encodeValue(lambda)))
        .hasMessageThat().contains("a lambda or method reference");
    assertThat(assertThrows(IpcCloneException.class, () -> CODEC.encodeValue(new Object())))
        .hasMessageThat().isEqualTo("An object could not be cloned. the value is a java.lang.Object, which has no "
            + "codec: send its data (records, lists, maps, strings, numbers) instead");
    assertThat(assertThrows(IpcCloneException.class, () -> CODEC.encodeValue(Stream.of(1))))
        .hasMessageThat().contains("collect the stream");
    assertThat(assertThrows(IpcCloneException.class, () -> CODEC.encodeValue(java.util.Optional.of(1))))
        .hasMessageThat().contains("send its value, or null");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Shape bad = new Shape("s", (List) List.of(new Point(1, 1), new Thread()), Color.RED);
    IpcCloneException inRecord = assertThrows(IpcCloneException.class, () -> CODEC.encodeValue(bad));
    assertThat(inRecord.path()).isEqualTo(".points[1]");
    assertThat(inRecord).hasMessageThat().startsWith("An object could not be cloned. the value at .points[1] is a");
  }

  @Test
  void cyclesAreRefusedWithWhereTheyClose() {
    List<Object> list = new ArrayList<>();
    list.add(5);
    list.add(list);
    IpcCloneException e = assertThrows(IpcCloneException.class, () -> CODEC.encodeArgs(new Object[] {list}));
    assertThat(e).hasMessageThat().isEqualTo("An object could not be cloned. argument 0 at [0][1] refers back to "
        + "[0], which contains it: a cycle cannot be sent; send a copy without the cycle");
    Map<String, Object> map = new LinkedHashMap<>();
    List<Object> inner = new ArrayList<>();
    map.put("child", inner);
    inner.add(map);
    IpcCloneException two = assertThrows(IpcCloneException.class, () -> CODEC.encodeValue(map));
    assertThat(two.path()).isEqualTo(".child[0]");
    assertThat(two).hasMessageThat().contains("refers back to the value");
  }

  @Test
  void sharedAcyclicReferencesAreFine() {
    List<Object> shared = List.of("x");
    assertThat(roundTrip(List.of(shared, shared, Map.of("a", shared))))
        .isEqualTo(List.of(shared, shared, Map.of("a", shared)));
  }

  @Test
  void deepNestingIsRefusedCleanlyBothWays() {
    List<Object> deep = new ArrayList<>();
    List<Object> cursor = deep;
    for (int i = 0; i < 100_000; i++) {
      List<Object> next = new ArrayList<>();
      cursor.add(next);
      cursor = next;
    }
    IpcCloneException e = assertThrows(IpcCloneException.class, () -> CODEC.encodeValue(deep));
    assertThat(e).hasMessageThat().contains("deeper than 512");
    byte[] nested = new byte[100_000];
    java.util.Arrays.fill(nested, (byte) 0x91); // fixarray of 1, repeated
    assertThat(assertThrows(IpcException.class, () -> CODEC.decodeValue(nested)))
        .hasMessageThat().contains("nesting deeper than 512");
  }

  @Test
  void everyTruncationOfAValidEncodingIsRefusedAsMalformed() {
    Object sample = List.of(1, -70000, "héllo", new byte[] {1, 2}, Map.of("k", List.of(1.5, 2.5f)),
        Set.of(Instant.ofEpochSecond(-5, 3)), new int[] {1, 2}, 'c', new BigDecimal("1.25"),
        Duration.ofMillis(5), new UUID(1, 2), new Shape("s", List.of(new Point(1, 2)), Color.RED));
    byte[] full = CODEC.encodeValue(sample);
    assertThat(CODEC.decodeValue(full)).isNotNull();
    for (int n = 0; n < full.length; n++) {
      byte[] prefix = java.util.Arrays.copyOf(full, n);
      assertThrows(MalformedValueException.class, () -> CODEC.decodeValue(prefix), "prefix " + n);
    }
  }

  @Test
  void hugeClaimedLengthsAreRefusedWithoutAllocating() {
    for (int header : new int[] {0xdb, 0xc6, 0xdd, 0xdf}) { // str32, bin32, array32, map32
      byte[] claim = {(byte) header, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4, 5};
      MalformedValueException e = assertThrows(MalformedValueException.class, () -> CODEC.decodeValue(claim));
      assertThat(e).hasMessageThat().contains("left");
    }
    byte[] negative = {(byte) 0xdd, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertThrows(MalformedValueException.class, () -> CODEC.decodeValue(negative));
  }

  @Test
  void unknownTypesAndTrailingBytesAreRefused() {
    assertThat(assertThrows(MalformedValueException.class, () -> CODEC.decodeValue(new byte[] {(byte) 0xc1})))
        .hasMessageThat().contains("unknown type byte 0xc1");
    assertThat(assertThrows(MalformedValueException.class,
        () -> CODEC.decodeValue(new byte[] {(byte) 0xd4, 99, 0}))).hasMessageThat().contains("extension type 99");
    assertThat(assertThrows(MalformedValueException.class, () -> CODEC.decodeValue(new byte[] {1, 2})))
        .hasMessageThat().contains("trailing");
    assertThat(assertThrows(IpcException.class, () -> CODEC.decodeArgs(new byte[] {5})))
        .hasMessageThat().contains("argument array");
  }

  @Test
  void aRecordNameWithNoCodecHereArrivesAsItsComponentMapAndAnEnumAsItsName() {
    MessagePackWriter out = new MessagePackWriter(32);
    int mark = out.beginExt(ValueCodec.EXT_RECORD);
    out.writeString("com.example.Nowhere");
    out.writeMapHeader(1);
    out.writeString("at");
    int inner = out.beginExt(ValueCodec.EXT_RECORD);
    out.writeString(new TestCodecs.PointCodec().typeName());
    out.writeMapHeader(0);
    out.endExt(inner);
    out.endExt(mark);
    assertThat(CODEC.decodeValue(out.toByteArray())).isEqualTo(Map.of("at", new Point(0, 0)));
    Shape shape = new Shape("tri", List.of(new Point(1, 2)), Color.GREEN);
    ValueCodec noCodecs = new ValueCodec(new CodecRegistry());
    assertThat(noCodecs.decodeValue(CODEC.encodeValue(shape))).isEqualTo(
        Map.of("name", "tri", "points", List.of(Map.of("x", 1, "y", 2)), "color", "GREEN"));
  }

  @Test
  void randomBytesNeverEscapeAsAnythingButIpcException() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] junk = new byte[random.nextInt(40)];
      random.nextBytes(junk);
      try {
        CODEC.decodeValue(junk);
      } catch (IpcException expected) {
        // refused cleanly; any other exception type fails the test
      }
    }
  }

  @org.junit.jupiter.api.Test
  void theSizeHintIsExactForByteArraysAndAsciiStringsSoTheirBufferIsHandedOverWithoutACopy() {
    for (int n : new int[] {0, 1, 31, 32, 255, 256, 65_535, 65_536, 300_000}) {
      byte[] bytes = new byte[n];
      String ascii = "a".repeat(n);
      assertThat(ValueCodec.sizeHint(bytes)).isEqualTo(CODEC.encodeValue(bytes).length);
      assertThat(ValueCodec.sizeHint(ascii)).isEqualTo(CODEC.encodeValue(ascii).length);
      assertThat(CODEC.encodeArgs(new Object[] {bytes, ascii}).length)
          .isEqualTo(1 + ValueCodec.sizeHint(bytes) + ValueCodec.sizeHint(ascii));
    }
  }
}
