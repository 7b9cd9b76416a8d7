package io.ipc4j.internal.codec;

import static com.google.common.truth.Truth.assertThat;
import static io.ipc4j.internal.codec.AdversarialInputs.concat;
import static io.ipc4j.internal.codec.AdversarialInputs.ext;
import static io.ipc4j.internal.codec.AdversarialInputs.hex;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keys with colliding hash codes cannot make decoding quadratic; keys real data uses still decode. */
class ValueDecoderCollisionTest {
  /** Codecs for no record or enum but the tests' own. */
  private static final ValueCodec CODEC = TestCodecs.codec();

  /** The least CPU time of three decodes, in milliseconds: this thread's own, so a loaded machine does not count. */
  private static long millisToDecode(byte[] input) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long least = Long.MAX_VALUE;
    for (int run = 0; run < 3; run++) {
      long start = threads.getCurrentThreadCpuTime();
      try {
        CODEC.decodeValue(input);
      } catch (MalformedValueException refused) {
        // timed either way
      }
      least = Math.min(least, threads.getCurrentThreadCpuTime() - start);
    }
    return least / 1_000_000;
  }

  private static List<Object> collidingList(int a) {
    return List.of(a, -31 * a); // List.hashCode() is 31 * (31 + a) - 31 * a = 961 for every a
  }

  private static String collidingString(int k, int blocks) {
    StringBuilder s = new StringBuilder();
    for (int j = 0; j < blocks; j++) {
      s.append((k >> j & 1) == 0 ? "Aa" : "BB"); // "Aa".hashCode() == "BB".hashCode()
    }
    return s.toString();
  }

  @Test
  void theReportedMapOf20000CollidingListKeysIsRefusedInMilliseconds() {
    byte[] input = AdversarialInputs.collidingListKeys(20_000);
    MalformedValueException e = assertThrows(MalformedValueException.class, () -> CODEC.decodeValue(input));
    assertThat(e).hasMessageThat().contains("more than 64 keys sharing one hash code");
    long millis = millisToDecode(input);
    System.out.println("20,000 colliding list keys (" + input.length + " bytes): " + millis + " ms of CPU to refuse");
    assertThat(millis).isLessThan(1_000L); // it took 13 s when every key was inserted
  }

  @Test
  void sixtyFourKeysWithOneHashCodeDecodeAndTheSixtyFifthIsRefused() {
    Map<Object, Object> lists = new LinkedHashMap<>();
    Map<Object, Object> strings = new LinkedHashMap<>();
    for (int a = 1; a <= 64; a++) {
      lists.put(collidingList(a), a);
      strings.put(collidingString(a, 7), a);
    }
    assertThat(CODEC.decodeValue(CODEC.encodeValue(lists))).isEqualTo(lists);
    assertThat(CODEC.decodeValue(CODEC.encodeValue(strings))).isEqualTo(strings);
    lists.put(collidingList(65), 65);
    strings.put(collidingString(65, 7), 65);
    assertThrows(MalformedValueException.class, () -> CODEC.decodeValue(CODEC.encodeValue(lists)));
    assertThrows(MalformedValueException.class, () -> CODEC.decodeValue(CODEC.encodeValue(strings)));
  }

  @Test
  void keysOfDifferentClassesSharingOneHashCodeCountTogether() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("a", 0);
    map.put(97, 0);
    map.put('a', 0);
    map.put(Float.intBitsToFloat(97), 0);
    map.put(List.of(66), 0);
    for (long k = 1; map.size() < 64; k++) {
      long bits = (k << 32) | ((k ^ 97) & 0xffffffffL); // the halves cancel: hash code 97
      map.put(k % 2 == 0 ? (Object) bits : (Object) Double.longBitsToDouble(bits), 0);
    }
    map.keySet().forEach(key -> assertThat(key.hashCode()).isEqualTo(97));
    assertThat(CODEC.decodeValue(CODEC.encodeValue(map))).isEqualTo(map);
    map.put(Double.longBitsToDouble((1000L << 32) | (1000 ^ 97)), 0);
    assertThat(assertThrows(MalformedValueException.class,
        () -> CODEC.decodeValue(CODEC.encodeValue(map)))).hasMessageThat().contains("one hash code");
  }

  @Test
  void setsAreCheckedLikeMaps() {
    Set<Object> set = new LinkedHashSet<>();
    for (int a = 1; a <= 64; a++) {
      set.add(collidingList(a));
    }
    assertThat(CODEC.decodeValue(CODEC.encodeValue(set))).isEqualTo(set);
    set.add(collidingList(65));
    assertThat(assertThrows(MalformedValueException.class,
        () -> CODEC.decodeValue(CODEC.encodeValue(set)))).hasMessageThat().contains("a set with more than 64");
    byte[] big = AdversarialInputs.collidingSet(1 << 20);
    assertThat(millisToDecode(big)).isLessThan(2_000L);
  }

  @Test
  void aGridOfCoordinateKeysWhoseHashCodesCollideAFewTimesEachDecodes() {
    Map<Object, Object> grid = new LinkedHashMap<>();
    for (int x = 0; x < 300; x++) {
      for (int y = 0; y < 300; y++) {
        grid.put(List.of(x, y), x ^ y); // 31 * x + y repeats: about ten keys per hash code
      }
    }
    assertThat(CODEC.decodeValue(CODEC.encodeValue(grid))).isEqualTo(grid);
  }

  @Test
  void keysHoldingMapsOrSetsMayShareAHashCodeOnlyAFewTimes() {
    Set<Object> tagGroups = new LinkedHashSet<>();
    for (int i = 0; i < 8; i++) {
      tagGroups.add(Set.of((char) ('A' + i) + "", (char) ('z' - i) + "")); // all sum to the same hash code
    }
    tagGroups.add(Set.of("z"));
    assertThat(tagGroups).hasSize(9);
    assertThat(CODEC.decodeValue(CODEC.encodeValue(tagGroups))).isEqualTo(tagGroups);
    Set<Object> nine = new LinkedHashSet<>();
    for (int i = 0; i < 9; i++) {
      nine.add(Set.of(i, 9 - i + 100)); // Set.hashCode() is the sum: 109 for all nine
    }
    assertThat(assertThrows(MalformedValueException.class,
        () -> CODEC.decodeValue(CODEC.encodeValue(nine))))
        .hasMessageThat().contains("more than 8 keys holding maps or sets");
  }

  @Test
  void keysHoldingMapsWithSuchKeysMayNotShareAHashCode() {
    Set<Object> a = Set.of(Set.of(1, 4));
    Set<Object> b = Set.of(Set.of(2, 3)); // same hash code as a, different value
    Map<Object, Object> distinct = new LinkedHashMap<>();
    distinct.put(a, 1);
    distinct.put(Set.of(Set.of(7)), 2);
    assertThat(CODEC.decodeValue(CODEC.encodeValue(distinct))).isEqualTo(distinct);
    Map<Object, Object> colliding = new LinkedHashMap<>();
    colliding.put(a, 1);
    colliding.put(b, 2);
    assertThat(assertThrows(MalformedValueException.class,
        () -> CODEC.decodeValue(CODEC.encodeValue(colliding)))).hasMessageThat().contains("two keys");
  }

  @Test
  void mapsAndSetsNestThroughKeysAtMost16Levels() {
    Object value = "leaf";
    for (int i = 0; i < 16; i++) {
      value = Map.of(value, i);
    }
    assertThat(CODEC.decodeValue(CODEC.encodeValue(value))).isEqualTo(value);
    Object deeper = Set.of(value);
    assertThat(assertThrows(MalformedValueException.class,
        () -> CODEC.decodeValue(CODEC.encodeValue(deeper)))).hasMessageThat().contains("16 levels");
    // values do not count: a map nested 100 levels through values is fine
    Object throughValues = "leaf";
    for (int i = 0; i < 100; i++) {
      throughValues = Map.of(i, throughValues);
    }
    assertThat(CODEC.decodeValue(CODEC.encodeValue(throughValues))).isEqualTo(throughValues);
  }

  @Test
  void aBigKeyNestedInKeysIsNotHashedHundredsOfTimes() {
    byte[] input = AdversarialInputs.nestedKeys(1 << 20);
    MalformedValueException e = assertThrows(MalformedValueException.class, () -> CODEC.decodeValue(input));
    assertThat(e).hasMessageThat().contains("16 levels");
    assertThat(millisToDecode(input)).isLessThan(1_000L);
  }

  @Test
  void recordComponentMapsDoNotCountAsKeysHoldingMaps() {
    Map<Object, Object> byPoint = new LinkedHashMap<>();
    for (int x = 0; x < 40; x++) {
      for (int y = 0; y < 40; y++) {
        byPoint.put(new TestCodecs.Point(x, y), x + y); // record hash codes collide like the grid's
      }
    }
    assertThat(CODEC.decodeValue(CODEC.encodeValue(byPoint))).isEqualTo(byPoint);
  }

  @Test
  void aSetHoldingSomethingOtherThanAnArrayIsRefused() {
    assertThat(assertThrows(MalformedValueException.class, () -> CODEC.decodeValue(ext(1, hex("80")))))
        .hasMessageThat().contains("a set must hold an array");
    assertThat(CODEC.decodeValue(ext(1, concat(hex("92"), hex("0102"))))).isEqualTo(Set.of(1, 2));
  }
}
