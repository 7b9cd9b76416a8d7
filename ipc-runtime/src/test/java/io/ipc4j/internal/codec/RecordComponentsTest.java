package io.ipc4j.internal.codec;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ipc4j.spi.RecordCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A record that this side has a codec for is rebuilt from its map of components by name, without making the map:
 * whatever the order, kind or spelling of the keys, the codec gets what it would get from the map this side decodes
 * when it has no codec (a missing component null, a repeated one the last, a key that names none ignored). A decoder
 * knows the record type, enum type and constant it rebuilt last by their names' bytes; what it decodes never depends
 * on what it decoded before.
 */
class RecordComponentsTest {
  /** Component names in ASCII, beyond ASCII, and beyond the basic plane, some the prefix of another. */
  static final List<String> NAMES = List.of("a", "ab", "id", "größe", "名前", "x\uD83D\uDE00");

  static final String BAG = Bag.class.getName();

  /** A record that keeps the component values its codec was given, in order. */
  record Bag(List<Object> values) {}

  static final RecordCodec<Bag> BAG_CODEC = TestCodecs.recordCodec(Bag.class, NAMES, bag -> bag.values().toArray(),
      values -> new Bag(Arrays.asList(values)));

  private static final ValueCodec WITH_CODEC = TestCodecs.codec(BAG_CODEC);
  private static final ValueCodec WITHOUT = new ValueCodec(new CodecRegistry());

  /** Keys that name no component: near misses of the names, and bytes that are no UTF-8. */
  private static final List<Object> OTHER_KEYS = List.of("b", "A", "abc", "größ", "grösse", "名", "名前前", "x",
      "x\uD83D\uDE01", "", 1, -7, List.of("a"), Map.of("a", 1), new byte[] {1});

  @Test
  void aRecordsComponentsAreFoundByNameWhateverTheOrderKindOrSpellingOfItsKeys() {
    Random random = new Random(20261203);
    for (int round = 0; round < 3000; round++) {
      byte[] encoded = randomBag(random, round < 2800 ? random.nextInt(12) : 60 + random.nextInt(10));
      Map<?, ?> untyped = (Map<?, ?>) WITHOUT.decodeValue(encoded);
      List<Object> expected = new ArrayList<>();
      for (String name : NAMES) {
        expected.add(untyped.get(name));
      }
      assertWithMessage("round %s: %s", round, untyped).that(WITH_CODEC.decodeValue(encoded))
          .isEqualTo(new Bag(expected));
    }
  }

  /** A Bag's record extension with {@code n} entries of random keys and values. */
  private static byte[] randomBag(Random random, int n) {
    MessagePackWriter out = new MessagePackWriter(64);
    int mark = out.beginExt(ValueCodec.EXT_RECORD);
    out.writeString(BAG);
    out.writeMapHeader(n);
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(10);
      if (kind < 5) {
        String name = NAMES.get(kind < 3 && i < NAMES.size() ? i : random.nextInt(NAMES.size()));
        if (random.nextInt(4) == 0) { // a str 8 header where a fixstr would do: the same key
          byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
          out.writeByte(0xd9);
          out.writeByte(utf8.length);
          out.writeRaw(utf8, 0, utf8.length);
        } else {
          out.writeString(name);
        }
      } else if (kind < 9) {
        new ValueEncoder(new CodecRegistry(), out).writeValue(OTHER_KEYS.get(random.nextInt(OTHER_KEYS.size())));
      } else { // bytes that are no UTF-8, as long as a name
        out.writeByte(0xa0 | 2);
        out.writeByte(0xc3);
        out.writeByte(0x28 + random.nextInt(2) * 0x58);
      }
      new ValueEncoder(new CodecRegistry(), out).writeValue(random.nextBoolean() ? random.nextInt(1000)
          : List.of("v" + i, i));
    }
    out.endExt(mark);
    return out.toByteArray();
  }

  @Test
  void aKeyWhoseLengthTheInputCannotHoldIsMalformedAsItIsInAMap() {
    for (String header : List.of("dbffffffff", "db80000000", "db00000100", "d9ff", "da0100")) {
      MessagePackWriter out = new MessagePackWriter(64);
      int mark = out.beginExt(ValueCodec.EXT_RECORD);
      out.writeString(BAG);
      out.writeMapHeader(1);
      for (int i = 0; i < header.length(); i += 2) {
        out.writeByte(Integer.parseInt(header.substring(i, i + 2), 16));
      }
      out.writeLong(1); // what a reader that skipped the bad key would take for it
      out.writeLong(2);
      out.endExt(mark);
      byte[] encoded = out.toByteArray();
      MalformedValueException asMap = org.junit.jupiter.api.Assertions.assertThrows(MalformedValueException.class,
          () -> WITHOUT.decodeValue(encoded));
      MalformedValueException rebuilt = org.junit.jupiter.api.Assertions.assertThrows(MalformedValueException.class,
          () -> WITH_CODEC.decodeValue(encoded));
      assertWithMessage("key header %s", header).that(rebuilt).hasMessageThat().isEqualTo(asMap.getMessage());
    }
  }

  @Test
  void keysMatchedOutOfOrderMakeNoStringForNamesOfOtherLengths() {
    // Every key here differs in length from the name expected where it stands, as after a component added between.
    byte[] encoded = WITH_CODEC.encodeValue(new TestCodecs.Point(1, 2));
    MessagePackWriter out = new MessagePackWriter(64);
    int mark = out.beginExt(ValueCodec.EXT_RECORD);
    out.writeString(new TestCodecs.PointCodec().typeName());
    out.writeMapHeader(3);
    out.writeString("addedBetween");
    out.writeLong(0);
    out.writeString("y");
    out.writeLong(2);
    out.writeString("x");
    out.writeLong(1);
    out.endExt(mark);
    byte[] reordered = out.toByteArray();
    assertThat(WITH_CODEC.decodeValue(reordered)).isEqualTo(new TestCodecs.Point(1, 2));
    long inOrder = allocatedDecoding(WITH_CODEC, encoded);
    long outOfOrder = allocatedDecoding(WITH_CODEC, reordered);
    assertWithMessage("bytes in order (%s) and out of order (%s)", inOrder, outOfOrder).that(outOfOrder)
        .isAtMost(inOrder + 16);
  }

  @Test
  void theSameNameIsRebuiltWithTheCodecOfTheSideThatDecodesItWhateverWasDecodedBefore() {
    TestCodecs.Point point = new TestCodecs.Point(3, 4);
    byte[] encoded = WITH_CODEC.encodeValue(point);
    CodecRegistry later = new CodecRegistry();
    ValueCodec gainsItLater = new ValueCodec(later);
    for (int i = 0; i < 3; i++) {
      assertThat(WITH_CODEC.decodeValue(encoded)).isEqualTo(point);
      assertThat(WITHOUT.decodeValue(encoded)).isEqualTo(Map.of("x", 3, "y", 4));
      assertThat(gainsItLater.decodeValue(encoded)).isEqualTo(Map.of("x", 3, "y", 4));
      assertThat(WITH_CODEC.decodeValue(WITH_CODEC.encodeValue(List.of(point, new Bag(List.of(1)), point))))
          .isEqualTo(List.of(point, new Bag(Arrays.asList(1, null, null, null, null, null)), point));
    }
    later.add(new TestCodecs.PointCodec());
    assertThat(gainsItLater.decodeValue(encoded)).isEqualTo(point);
  }

  @Test
  void enumConstantsComeBackAsThemselvesOrTheirNamesWhateverWasDecodedBefore() {
    List<Object> mixed = List.of(TestCodecs.Color.RED, TestCodecs.Color.RED, TestCodecs.Color.GREEN,
        new TestCodecs.Point(1, 2), TestCodecs.Color.GREEN, new TestCodecs.Shape("s", List.of(), TestCodecs.Color.RED),
        TestCodecs.Color.RED);
    byte[] encoded = WITH_CODEC.encodeValue(mixed);
    for (int i = 0; i < 3; i++) {
      assertThat(WITH_CODEC.decodeValue(encoded)).isEqualTo(mixed);
      assertThat(WITHOUT.decodeValue(encoded)).isEqualTo(List.of("RED", "RED", "GREEN", Map.of("x", 1, "y", 2),
          "GREEN", Map.of("name", "s", "points", List.of(), "color", "RED"), "RED"));
    }
    MessagePackWriter out = new MessagePackWriter(64); // a constant the codec lacks, right after one it has
    out.writeArrayHeader(2);
    for (String constant : List.of("RED", "BLUE")) {
      int mark = out.beginExt(ValueCodec.EXT_ENUM);
      out.writeString(new TestCodecs.ColorCodec().typeName());
      out.writeString(constant);
      out.endExt(mark);
    }
    MalformedValueException refused = org.junit.jupiter.api.Assertions.assertThrows(MalformedValueException.class,
        () -> WITH_CODEC.decodeValue(out.toByteArray()));
    assertThat(refused).hasMessageThat().contains("has no constant 'BLUE'");
  }

  @Test
  void aNameKnownByItsBytesStillCountsAsALevelOfNesting() {
    for (Object value : List.of(TestCodecs.Color.RED, new TestCodecs.Point(1, 2))) {
      int deepest = -1;
      for (int lists = ValueCodec.MAX_DEPTH - 4; lists < ValueCodec.MAX_DEPTH; lists++) {
        byte[] nested = nestedIn(lists, value);
        boolean cold = decodes(new ValueCodec(WITH_CODEC.registry()), nested); // a decoder that knows no name yet
        WITH_CODEC.decodeValue(WITH_CODEC.encodeValue(value)); // this thread's decoder now knows the name
        assertWithMessage("%s in %s lists", value, lists).that(decodes(WITH_CODEC, nested)).isEqualTo(cold);
        if (cold) {
          deepest = lists;
        }
      }
      assertWithMessage("%s: the deepest that decodes", value).that(deepest).isLessThan(ValueCodec.MAX_DEPTH - 1);
      assertWithMessage("%s: the deepest that decodes", value).that(deepest).isAtLeast(ValueCodec.MAX_DEPTH - 4);
    }
  }

  /** {@code value} inside {@code lists} lists, each the only element of the next, encoded. */
  private static byte[] nestedIn(int lists, Object value) {
    byte[] inner = WITH_CODEC.encodeValue(value);
    MessagePackWriter out = new MessagePackWriter(inner.length + lists);
    for (int i = 0; i < lists; i++) {
      out.writeArrayHeader(1);
    }
    out.writeRaw(inner, 0, inner.length);
    return out.toByteArray();
  }

  private static boolean decodes(ValueCodec codec, byte[] encoded) {
    try {
      codec.decodeValue(encoded);
      return true;
    } catch (MalformedValueException refused) {
      return false;
    }
  }

  @Test
  void enumConstantsRebuiltByTheirCodecMakeNoNameStrings() {
    List<Object> reds = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      reds.add(TestCodecs.Color.RED);
    }
    byte[] encoded = WITH_CODEC.encodeValue(reds);
    long allocated = allocatedDecoding(WITH_CODEC, encoded);
    // The list and its array; a type name and a constant name would be about 100 bytes more for each of the 50.
    assertWithMessage("bytes decoding 50 constants allocates").that(allocated).isLessThan(50 * 16);
  }

  @Test
  void recordsNestedInRecordsWithKeysOfOtherKindsDecodeInTimeLinearInTheirBytes() {
    byte[] deepest = WITH_CODEC.encodeValue(1);
    byte[] value = deepest;
    for (int level = 0; level < 250; level++) { // each record: its component, then a key of another kind
      MessagePackWriter out = new MessagePackWriter(value.length + 64);
      int mark = out.beginExt(ValueCodec.EXT_RECORD);
      out.writeString(BAG);
      out.writeMapHeader(2);
      out.writeString("a");
      out.writeRaw(value, 0, value.length);
      out.writeLong(7);
      out.writeLong(8);
      out.endExt(mark);
      value = out.toByteArray();
    }
    byte[] input = value;
    // Read twice per level, as a first pass that gave up and a second one would, this would take 2^250 steps.
    Object decoded = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> WITH_CODEC.decodeValue(input));
    for (int level = 0; level < 250; level++) {
      decoded = ((Bag) decoded).values().get(0);
    }
    assertThat(decoded).isEqualTo(1);
  }

  @Test
  void aRecordWithAsciiNamesRebuiltByItsCodecAllocatesNeitherItsMapNorItsKeysNorItsName() {
    byte[] encoded = WITH_CODEC.encodeValue(new TestCodecs.Point(1, 2));
    long withCodec = allocatedDecoding(WITH_CODEC, encoded);
    long asMap = allocatedDecoding(WITHOUT, encoded);
    // As a map: its name, the map, two entries and two key strings; rebuilt: the array of two values and the record.
    // (A name beyond ASCII, rare in Java, is compared as a string made from its bytes.)
    assertWithMessage("bytes a decode allocates rebuilt (%s) and as a map (%s)", withCodec, asMap)
        .that(withCodec * 3).isLessThan(asMap);
  }

  /** The bytes one decode allocates on this thread, averaged over many once the code is warm. */
  private static long allocatedDecoding(ValueCodec codec, byte[] encoded) {
    for (int i = 0; i < 20_000; i++) {
      codec.decodeValue(encoded);
    }
    int times = 10_000;
    long before = AdversarialInputs.allocatedByThisThread();
    for (int i = 0; i < times; i++) {
      codec.decodeValue(encoded);
    }
    return (AdversarialInputs.allocatedByThisThread() - before) / times;
  }
}
