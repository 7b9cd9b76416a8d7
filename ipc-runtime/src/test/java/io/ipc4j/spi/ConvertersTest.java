package io.ipc4j.spi;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Conversions from untyped values to declared types: what each accepts (the untyped forms of records and enums
 * included), and the exact text of each failure, whose path names where in the value it happened.
 */
class ConvertersTest {
  enum Mood { CALM, GLAD }

  record Point(int x, long y) {}

  static final EnumCodec<Mood> MOOD_CODEC = new EnumCodec<>() {
    @Override
    public Class<Mood> type() {
      return Mood.class;
    }

    @Override
    public String typeName() {
      return "io.ipc4j.spi.ConvertersTest$Mood";
    }

    @Override
    public Mood valueOf(String name) {
      return Mood.valueOf(name);
    }
  };

  static final RecordCodec<Point> POINT_CODEC = new RecordCodec<>() {
    @Override
    public Class<Point> type() {
      return Point.class;
    }

    @Override
    public String typeName() {
      return "io.ipc4j.spi.ConvertersTest$Point";
    }

    @Override
    public List<String> componentNames() {
      return List.of("x", "y");
    }

    @Override
    public Object[] components(Point value) {
      return new Object[] {value.x(), value.y()};
    }

    @Override
    public Point create(Object[] c) {
      return new Point(Converters.toInt(c[0], "component 'x'"), Converters.toLong(c[1], "component 'y'"));
    }
  };

  private static final String POINT = Point.class.getName();
  private static final String MOOD = Mood.class.getName();

  private static String failure(Converter<?> converter, Object value, String what) {
    return assertThrows(IpcException.class, () -> converter.convert(value, what)).getMessage();
  }

  @Test
  void aListElementFailureNamesItsIndex() {
    Converter<List<Point>> points = Converters.listOf(Converters.record(POINT_CODEC));
    assertThat(failure(points, List.of(new Point(1, 2), new Point(3, 4), "x"), "result of x"))
        .isEqualTo("result of x[2]: expected a " + POINT + " but got a java.lang.String (x)");
    assertThat(failure(points, "x", "result of x"))
        .isEqualTo("result of x: expected a List but got a java.lang.String (x)");
  }

  @Test
  void aMapKeyFailureNamesTheKeyAndAValueFailureItsPlace() {
    Converter<Map<Long, String>> map = Converters.mapOf(Converters.LONG, Converters.type(String.class));
    assertThat(failure(map, Map.of("k", "v"), "argument 'm' of a:b"))
        .isEqualTo("argument 'm' of a:b key k: expected a long but got a java.lang.String (k)");
    assertThat(failure(map, Map.of(1, 2), "argument 'm' of a:b"))
        .isEqualTo("argument 'm' of a:b[1]: expected a java.lang.String but got a java.lang.Integer (2)");
    assertThat(failure(map, new ArrayList<>(), "argument 'm' of a:b"))
        .isEqualTo("argument 'm' of a:b: expected a Map but got a java.util.ArrayList ([])");
  }

  @Test
  void pathsNestInTheOrderOfTheValue() {
    Converter<List<Map<String, Set<Integer>>>> nested =
        Converters.listOf(Converters.mapOf(Converters.type(String.class), Converters.setOf(Converters.INT)));
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("ok", new LinkedHashSet<>(List.of(1)));
    second.put("tags", List.of(1, "two"));
    assertThat(failure(nested, List.of(Map.of(), second), "result of n"))
        .isEqualTo("result of n[1][tags][1]: expected an int but got a java.lang.String (two)");
  }

  @Test
  void integersOutOfRangeSaySo() {
    assertThat(assertThrows(IpcException.class, () -> Converters.toInt(1L << 40, "argument 'n'")))
        .hasMessageThat().isEqualTo("argument 'n': expected an int but got 1099511627776, which is out of range");
    assertThat(failure(Converters.BYTE, 200, "argument 'b'"))
        .isEqualTo("argument 'b': expected a byte but got 200, which is out of range");
    assertThat(failure(Converters.listOf(Converters.SHORT), List.of(1, 70_000), "argument 's'"))
        .isEqualTo("argument 's'[1]: expected a short but got 70000, which is out of range");
    assertThat(assertThrows(IpcException.class, () -> Converters.toLong(null, "argument 'id' of notes:get")))
        .hasMessageThat().isEqualTo("argument 'id' of notes:get: expected a long but got null");
  }

  @Test
  void numbersWidenOnlyWithoutLoss() {
    assertThat(Converters.toLong(5, "x")).isEqualTo(5L);
    assertThat(Converters.toDouble(3, "x")).isEqualTo(3.0);
    assertThat(Converters.toFloat(1.5d, "x")).isEqualTo(1.5f);
    assertThat(assertThrows(IpcException.class, () -> Converters.toFloat(0.1d, "x")))
        .hasMessageThat().isEqualTo("x: expected a float but got a java.lang.Double (0.1)");
    assertThat(Converters.type(BigInteger.class).from(7)).isEqualTo(BigInteger.valueOf(7));
    assertThat(Converters.type(BigDecimal.class).from(BigInteger.TEN)).isEqualTo(BigDecimal.TEN);
  }

  @Test
  void aRecordConvertsFromItselfOrFromTheMapOfItsComponents() {
    Converter<Point> point = Converters.record(POINT_CODEC);
    Point p = new Point(1, 2);
    assertThat(point.from(p)).isSameInstanceAs(p);
    assertThat(point.from(Map.of("x", 1, "y", 2))).isEqualTo(p);
    assertThat(point.from(Map.of("y", 2L, "x", 1, "later", "ignored"))).isEqualTo(p);
    assertThat(point.from(null)).isNull();
    assertThat(failure(point, 12, "result of p"))
        .isEqualTo("result of p: expected a " + POINT + " but got a java.lang.Integer (12)");
  }

  @Test
  void anEnumConvertsFromItsConstantOrItsName() {
    Converter<Mood> mood = Converters.enumOf(MOOD_CODEC);
    assertThat(mood.from(Mood.GLAD)).isEqualTo(Mood.GLAD);
    assertThat(mood.from("CALM")).isEqualTo(Mood.CALM);
    assertThat(mood.from(null)).isNull();
    assertThat(failure(Converters.listOf(mood), List.of("CALM", "ANGRY"), "argument 'moods'"))
        .isEqualTo("argument 'moods'[1]: expected a constant of " + MOOD + " but got \"ANGRY\"");
    assertThat(failure(mood, 3, "argument 'mood'"))
        .isEqualTo("argument 'mood': expected a " + MOOD + " but got a java.lang.Integer (3)");
  }

  @Test
  void optionalsArraysAndSetsConvertTheirElements() {
    Converter<Optional<Mood>> maybe = Converters.optionalOf(Converters.enumOf(MOOD_CODEC));
    assertThat(maybe.from(null)).isEqualTo(Optional.empty());
    assertThat(maybe.from("GLAD")).isEqualTo(Optional.of(Mood.GLAD));
    Converter<String[]> strings = Converters.arrayOf(Converters.type(String.class), String[]::new);
    assertThat(strings.from(List.of("a", "b"))).isEqualTo(new String[] {"a", "b"});
    assertThat(strings.from(new Object[] {"c"})).isEqualTo(new String[] {"c"});
    assertThat(failure(strings, List.of("a", 1), "result of s"))
        .isEqualTo("result of s[1]: expected a java.lang.String but got a java.lang.Integer (1)");
    assertThat(Converters.setOf(Converters.LONG).from(List.of(1, 2L))).containsExactly(1L, 2L).inOrder();
    assertThat(Converters.arg(new Object[] {1}, 3)).isNull();
  }

  @Test
  void theUntypedFormUnwrapsOptionalsAndArraysAllTheWayDown() {
    Object[] array = {Optional.of("a"), Optional.empty(), new Object[] {1}};
    assertThat(Untyped.of(array)).isEqualTo(Arrays.asList("a", null, List.of(1)));
    assertThat(Untyped.of(Map.of("k", Optional.of(List.of(Optional.of(2)))))).isEqualTo(Map.of("k", List.of(2)));
    assertThat(Untyped.of(Set.of(Optional.of(1)))).isEqualTo(Set.of(1));
    assertThat(Untyped.of(Optional.empty())).isNull();
    Point p = new Point(1, 2);
    assertThat(Untyped.of(p)).isSameInstanceAs(p);
    assertThat(Untyped.of(new ArrayList<>(List.of(Mood.CALM)))).isEqualTo(List.of(Mood.CALM));
  }
}
