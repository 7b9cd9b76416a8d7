package io.ipc4j.spi;

import io.ipc4j.IpcException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Checked conversions from decoded, untyped values to the types an interface declares. For generated code only.
 *
 * <p>The untyped decoder gives an {@code Integer} for any integer that fits and a {@code Long} otherwise, a
 * {@code List}/{@code Set}/{@code Map} for collections, a record whose codec the receiving side lacks as the map
 * of its components, an enum constant whose codec it lacks as the constant's name, and the value itself for
 * everything else; so a typed {@code long} parameter may arrive as an {@code Integer}. These conversions accept
 * every value that converts without loss and fail with an {@link IpcException} naming what was expected and what
 * arrived for anything else. Primitives convert with static methods (no boxing); everything else with
 * {@link Converter}s that generated classes keep as constants:
 *
 * <pre>{@code
 * long id = Converters.toLong(Converters.arg(args, 0), "argument 'id' of notes:get");
 * List<Note> notes = LIST_OF_NOTE.convert(result, "result of notes:list");
 * }</pre>
 */
public final class Converters {
  /** A {@code Long} or null: any {@code Long}, {@code Integer}, {@code Short} or {@code Byte}. */
  public static final Converter<Long> LONG = v -> v == null ? null : longOf(v, null);
  /** An {@code Integer} or null: any integer value in range. */
  public static final Converter<Integer> INT =
      v -> v == null ? null : (int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int", null);
  /** A {@code Short} or null: any integer value in range. */
  public static final Converter<Short> SHORT =
      v -> v == null ? null : (short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE, "a short", null);
  /** A {@code Byte} or null: any integer value in range. */
  public static final Converter<Byte> BYTE =
      v -> v == null ? null : (byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte", null);
  /** A {@code Character} or null. */
  public static final Converter<Character> CHAR = v -> v == null ? null : charOf(v, null);
  /** A {@code Boolean} or null. */
  public static final Converter<Boolean> BOOLEAN = v -> v == null ? null : booleanOf(v, null);
  /** A {@code Float} or null: a {@code Float}, or a {@code Double} or integer that a float represents exactly. */
  public static final Converter<Float> FLOAT = v -> v == null ? null : floatOf(v, null);
  /** A {@code Double} or null: a {@code Double} or {@code Float}, or an integer a double represents exactly. */
  public static final Converter<Double> DOUBLE = v -> v == null ? null : doubleOf(v, null);

  private Converters() {}

  /**
   * The argument at {@code index}, or null when the caller sent fewer arguments.
   *
   * @param args the decoded arguments
   * @param index the index
   * @return the argument or null
   */
  public static Object arg(Object[] args, int index) {
    return args != null && index < args.length ? args[index] : null;
  }

  /**
   * A {@code long}: any {@code Long}, {@code Integer}, {@code Short} or {@code Byte}.
   *
   * @param v the value
   * @param what what the value is, for the error message
   * @return the value
   * @throws IpcException if {@code v} is not such a value
   */
  public static long toLong(Object v, String what) {
    return longOf(v, what);
  }

  /**
   * An {@code int}: an {@code Integer}, {@code Short} or {@code Byte}, or a {@code Long} in range.
   *
   * @param v the value
   * @param what what the value is, for the error message
   * @return the value
   * @throws IpcException if {@code v} is not such a value
   */
  public static int toInt(Object v, String what) {
    return (int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int", what);
  }

  /**
   * A {@code short}: any integer value in range.
   *
   * @param v the value
   * @param what what the value is, for the error message
   * @return the value
   * @throws IpcException if {@code v} is not such a value
   */
  public static short toShort(Object v, String what) {
    return (short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE, "a short", what);
  }

  /**
   * A {@code byte}: any integer value in range.
   *
   * @param v the value
   * @param what what the value is, for the error message
   * @return the value
   * @throws IpcException if {@code v} is not such a value
   */
  public static byte toByte(Object v, String what) {
    return (byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte", what);
  }

  /**
   * A {@code char}: a {@code Character}.
   *
   * @param v the value
   * @param what what the value is, for the error message
   * @return the value
   * @throws IpcException if {@code v} is not such a value
   */
  public static char toChar(Object v, String what) {
    return charOf(v, what);
  }

  /**
   * A {@code boolean}: a {@code Boolean}.
   *
   * @param v the value
   * @param what what the value is, for the error message
   * @return the value
   * @throws IpcException if {@code v} is not such a value
   */
  public static boolean toBoolean(Object v, String what) {
    return booleanOf(v, what);
  }

  /**
   * A {@code float}: a {@code Float}, or a {@code Double} or integer that a float represents exactly.
   *
   * @param v the value
   * @param what what the value is, for the error message
   * @return the value
   * @throws IpcException if {@code v} is not such a value
   */
  public static float toFloat(Object v, String what) {
    return floatOf(v, what);
  }

  /**
   * A {@code double}: a {@code Double} or {@code Float}, or an integer that a double represents exactly.
   *
   * @param v the value
   * @param what what the value is, for the error message
   * @return the value
   * @throws IpcException if {@code v} is not such a value
   */
  public static double toDouble(Object v, String what) {
    return doubleOf(v, what);
  }

  /**
   * A converter to {@code type}, null included: a {@code String}, {@code Instant}, primitive array... A
   * {@code BigInteger} also accepts any integer and a {@code BigDecimal} any integer or {@code BigInteger}. Records
   * and enums convert with {@link #record} and {@link #enumOf} instead, which also accept their untyped forms.
   *
   * @param <T> the type
   * @param type the declared class
   * @return the converter
   */
  public static <T> Converter<T> type(Class<T> type) {
    Objects.requireNonNull(type, "type");
    String expected = "a " + type.getName();
    return v -> {
      if (v == null || type.isInstance(v)) {
        return type.cast(v);
      }
      if (type == BigInteger.class && isIntegral(v)) {
        return type.cast(BigInteger.valueOf(((Number) v).longValue()));
      }
      if (type == BigDecimal.class && isIntegral(v)) {
        return type.cast(BigDecimal.valueOf(((Number) v).longValue()));
      }
      if (type == BigDecimal.class && v instanceof BigInteger b) {
        return type.cast(new BigDecimal(b));
      }
      throw mismatch(v, expected);
    };
  }

  /**
   * A converter to a record, null included: the record itself, or the map of its components that arrives where
   * the receiving side has no codec for it (as a class instance becomes a plain object in Electron).
   *
   * @param <T> the record type
   * @param codec the record's codec
   * @return the converter
   */
  public static <T extends Record> Converter<T> record(RecordCodec<T> codec) {
    Objects.requireNonNull(codec, "codec");
    Class<T> type = codec.type();
    String expected = "a " + type.getName();
    List<String> names = codec.componentNames();
    return v -> {
      if (v == null || type.isInstance(v)) {
        return type.cast(v);
      }
      if (v instanceof Map<?, ?> map) {
        Object[] components = new Object[names.size()];
        for (int i = 0; i < components.length; i++) {
          components[i] = map.get(names.get(i));
        }
        return codec.create(components);
      }
      throw mismatch(v, expected);
    };
  }

  /**
   * A converter to an enum, null included: the constant itself, or its name, which arrives where the receiving
   * side has no codec for the enum.
   *
   * @param <E> the enum type
   * @param codec the enum's codec
   * @return the converter
   */
  public static <E extends Enum<E>> Converter<E> enumOf(EnumCodec<E> codec) {
    Objects.requireNonNull(codec, "codec");
    Class<E> type = codec.type();
    String expected = "a " + type.getName();
    return v -> {
      if (v == null || type.isInstance(v)) {
        return type.cast(v);
      }
      if (v instanceof String name) {
        try {
          return codec.valueOf(name);
        } catch (IllegalArgumentException e) {
          throw new ConversionFailure("expected a constant of " + type.getName() + " but got \"" + name + "\"");
        }
      }
      throw mismatch(v, expected);
    };
  }

  /**
   * A converter to an {@code ArrayList} (from any decoded collection or object array), converting each element.
   *
   * @param <T> the element type
   * @param element the element converter
   * @return the converter; null stays null
   */
  public static <T> Converter<List<T>> listOf(Converter<T> element) {
    Objects.requireNonNull(element, "element");
    return v -> v == null ? null : addAll(new ArrayList<>(), v, element, "a List");
  }

  /**
   * A converter to a {@code LinkedHashSet} (from any decoded collection), converting each element.
   *
   * @param <T> the element type
   * @param element the element converter
   * @return the converter; null stays null
   */
  public static <T> Converter<Set<T>> setOf(Converter<T> element) {
    Objects.requireNonNull(element, "element");
    return v -> v == null ? null : addAll(new LinkedHashSet<>(), v, element, "a Set");
  }

  /**
   * A converter to a {@code LinkedHashMap}, converting each key and value.
   *
   * @param <K> the key type
   * @param <V> the value type
   * @param key the key converter
   * @param value the value converter
   * @return the converter; null stays null
   */
  public static <K, V> Converter<Map<K, V>> mapOf(Converter<K> key, Converter<V> value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return v -> {
      if (v == null) {
        return null;
      }
      if (!(v instanceof Map<?, ?> map)) {
        throw mismatch(v, "a Map");
      }
      Map<K, V> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        K k;
        try {
          k = key.from(e.getKey());
        } catch (ConversionFailure failure) {
          throw failure.at(" key " + e.getKey());
        }
        try {
          out.put(k, value.from(e.getValue()));
        } catch (ConversionFailure failure) {
          throw failure.at("[" + e.getKey() + "]");
        }
      }
      return out;
    };
  }

  /**
   * A converter to an {@code Optional}: null becomes {@code Optional.empty()}.
   *
   * @param <T> the value type
   * @param element the converter of a present value
   * @return the converter
   */
  public static <T> Converter<Optional<T>> optionalOf(Converter<T> element) {
    Objects.requireNonNull(element, "element");
    return v -> v == null ? Optional.empty() : Optional.ofNullable(element.from(v));
  }

  /**
   * A converter to an object array (from a decoded list or object array), converting each element.
   *
   * @param <T> the element type
   * @param element the element converter
   * @param newArray creates the array, for example {@code String[]::new}
   * @return the converter; null stays null
   */
  public static <T> Converter<T[]> arrayOf(Converter<T> element, IntFunction<T[]> newArray) {
    Objects.requireNonNull(element, "element");
    Objects.requireNonNull(newArray, "newArray");
    return v -> {
      if (v == null) {
        return null;
      }
      List<T> list = addAll(new ArrayList<>(), v, element, "an array");
      return list.toArray(newArray.apply(list.size()));
    };
  }

  private static <T, C extends Collection<T>> C addAll(C out, Object v, Converter<T> element, String expected) {
    if (v instanceof Collection<?> c) {
      int i = 0;
      for (Object e : c) {
        out.add(element(element, e, i++));
      }
      return out;
    }
    if (v instanceof Object[] array) {
      for (int i = 0; i < array.length; i++) {
        out.add(element(element, array[i], i));
      }
      return out;
    }
    throw mismatch(v, expected);
  }

  private static <T> T element(Converter<T> element, Object value, int index) {
    try {
      return element.from(value);
    } catch (ConversionFailure failure) {
      throw failure.at("[" + index + "]");
    }
  }

  private static long longOf(Object v, String what) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    throw failure(mismatch(v, "a long"), what);
  }

  private static char charOf(Object v, String what) {
    if (v instanceof Character c) {
      return c;
    }
    throw failure(mismatch(v, "a char"), what);
  }

  private static boolean booleanOf(Object v, String what) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw failure(mismatch(v, "a boolean"), what);
  }

  private static float floatOf(Object v, String what) {
    if (v instanceof Float f) {
      return f;
    }
    if (v instanceof Double d && (d.isNaN() || (double) d.floatValue() == d)) {
      return d.floatValue();
    }
    if (isIntegral(v)) {
      long l = ((Number) v).longValue();
      float f = l;
      if ((long) f == l && Math.abs(l) <= (1L << 24)) {
        return f;
      }
    }
    throw failure(mismatch(v, "a float"), what);
  }

  private static double doubleOf(Object v, String what) {
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Float f) {
      return f;
    }
    if (isIntegral(v)) {
      long l = ((Number) v).longValue();
      if (Math.abs(l) <= (1L << 53)) {
        return l;
      }
    }
    throw failure(mismatch(v, "a double"), what);
  }

  private static boolean isIntegral(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
  }

  private static long integral(Object v, long min, long max, String expected, String what) {
    if (isIntegral(v)) {
      long l = ((Number) v).longValue();
      if (l >= min && l <= max) {
        return l;
      }
      throw failure(new ConversionFailure("expected " + expected + " but got " + v + ", which is out of range"), what);
    }
    throw failure(mismatch(v, expected), what);
  }

  /** The failure itself inside a converter ({@code what} null), or the caller's exception at the top. */
  private static RuntimeException failure(ConversionFailure failure, String what) {
    return what == null ? failure : failure.toException(what);
  }

  private static ConversionFailure mismatch(Object v, String expected) {
    String got = v == null ? "null" : "a " + v.getClass().getName() + " (" + v + ")";
    return new ConversionFailure("expected " + expected + " but got " + got);
  }
}
