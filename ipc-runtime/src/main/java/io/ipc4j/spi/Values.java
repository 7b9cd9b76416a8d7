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
 * {@code List}/{@code Set}/{@code Map} for collections and the value itself for everything else, so a typed
 * {@code long} parameter may arrive as an {@code Integer}. These methods accept every value that converts without
 * loss and fail with an {@link IpcException} naming what was expected and what arrived for anything else:
 *
 * <pre>{@code
 * long id = Values.asLong(Values.arg(args, 0), "argument 'id' of notes:get");
 * List<Note> notes = Values.listOf(Values.type(Note.class)).convert(result, "result of notes:list");
 * }</pre>
 */
public final class Values {
  private Values() {}

  /**
   * Converts one decoded value to a declared type.
   *
   * @param <T> the declared type
   */
  @FunctionalInterface
  public interface Converter<T> {
    /**
     * Converts {@code value}.
     *
     * @param value the decoded value, possibly null
     * @param what where the value sat, for the error message
     * @return the converted value
     * @throws IpcException if the value cannot be converted without loss
     */
    T convert(Object value, String what);
  }

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
   * @param what where it sat
   * @return the value
   */
  public static long asLong(Object v, String what) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    throw mismatch(v, "a long", what);
  }

  /**
   * An {@code int}: an {@code Integer}, {@code Short} or {@code Byte}, or a {@code Long} in range.
   *
   * @param v the value
   * @param what where it sat
   * @return the value
   */
  public static int asInt(Object v, String what) {
    return (int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int", what);
  }

  /**
   * A {@code short}: any integer value in range.
   *
   * @param v the value
   * @param what where it sat
   * @return the value
   */
  public static short asShort(Object v, String what) {
    return (short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE, "a short", what);
  }

  /**
   * A {@code byte}: any integer value in range.
   *
   * @param v the value
   * @param what where it sat
   * @return the value
   */
  public static byte asByte(Object v, String what) {
    return (byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte", what);
  }

  /**
   * A {@code char}: a {@code Character}.
   *
   * @param v the value
   * @param what where it sat
   * @return the value
   */
  public static char asChar(Object v, String what) {
    if (v instanceof Character c) {
      return c;
    }
    throw mismatch(v, "a char", what);
  }

  /**
   * A {@code boolean}: a {@code Boolean}.
   *
   * @param v the value
   * @param what where it sat
   * @return the value
   */
  public static boolean asBoolean(Object v, String what) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw mismatch(v, "a boolean", what);
  }

  /**
   * A {@code float}: a {@code Float}, or a {@code Double} or integer that a float represents exactly.
   *
   * @param v the value
   * @param what where it sat
   * @return the value
   */
  public static float asFloat(Object v, String what) {
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
    throw mismatch(v, "a float", what);
  }

  /**
   * A {@code double}: a {@code Double} or {@code Float}, or an integer that a double represents exactly.
   *
   * @param v the value
   * @param what where it sat
   * @return the value
   */
  public static double asDouble(Object v, String what) {
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
    throw mismatch(v, "a double", what);
  }

  /**
   * A {@code Long} or null.
   *
   * @param v the value
   * @param what where it sat
   * @return the value or null
   */
  public static Long asBoxedLong(Object v, String what) {
    return v == null ? null : asLong(v, what);
  }

  /**
   * An {@code Integer} or null.
   *
   * @param v the value
   * @param what where it sat
   * @return the value or null
   */
  public static Integer asBoxedInt(Object v, String what) {
    return v == null ? null : asInt(v, what);
  }

  /**
   * A {@code Short} or null.
   *
   * @param v the value
   * @param what where it sat
   * @return the value or null
   */
  public static Short asBoxedShort(Object v, String what) {
    return v == null ? null : asShort(v, what);
  }

  /**
   * A {@code Byte} or null.
   *
   * @param v the value
   * @param what where it sat
   * @return the value or null
   */
  public static Byte asBoxedByte(Object v, String what) {
    return v == null ? null : asByte(v, what);
  }

  /**
   * A {@code Character} or null.
   *
   * @param v the value
   * @param what where it sat
   * @return the value or null
   */
  public static Character asBoxedChar(Object v, String what) {
    return v == null ? null : asChar(v, what);
  }

  /**
   * A {@code Boolean} or null.
   *
   * @param v the value
   * @param what where it sat
   * @return the value or null
   */
  public static Boolean asBoxedBoolean(Object v, String what) {
    return v == null ? null : asBoolean(v, what);
  }

  /**
   * A {@code Float} or null.
   *
   * @param v the value
   * @param what where it sat
   * @return the value or null
   */
  public static Float asBoxedFloat(Object v, String what) {
    return v == null ? null : asFloat(v, what);
  }

  /**
   * A {@code Double} or null.
   *
   * @param v the value
   * @param what where it sat
   * @return the value or null
   */
  public static Double asBoxedDouble(Object v, String what) {
    return v == null ? null : asDouble(v, what);
  }

  /**
   * A value of {@code type} or null: a {@code String}, {@code Instant}, record, enum, primitive array... A
   * {@code BigInteger} also accepts any integer and a {@code BigDecimal} any integer or {@code BigInteger}.
   *
   * @param <T> the type
   * @param v the value
   * @param type the declared class
   * @param what where it sat
   * @return the value or null
   */
  public static <T> T as(Object v, Class<T> type, String what) {
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
    throw mismatch(v, "a " + type.getName(), what);
  }

  /**
   * A converter for {@link #as}.
   *
   * @param <T> the type
   * @param type the declared class
   * @return the converter
   */
  public static <T> Converter<T> type(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return (v, what) -> as(v, type, what);
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
    return (v, what) -> v == null ? null : addAll(new ArrayList<>(), v, element, "a List", what);
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
    return (v, what) -> v == null ? null : addAll(new LinkedHashSet<>(), v, element, "a Set", what);
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
    return (v, what) -> {
      if (v == null) {
        return null;
      }
      if (!(v instanceof Map<?, ?> map)) {
        throw mismatch(v, "a Map", what);
      }
      Map<K, V> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        K k = key.convert(e.getKey(), what + " key " + e.getKey());
        out.put(k, value.convert(e.getValue(), what + "[" + e.getKey() + "]"));
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
    return (v, what) -> v == null ? Optional.empty() : Optional.ofNullable(element.convert(v, what));
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
    return (v, what) -> {
      if (v == null) {
        return null;
      }
      List<T> list = addAll(new ArrayList<>(), v, element, "an array", what);
      return list.toArray(newArray.apply(list.size()));
    };
  }

  /**
   * The form a typed value takes on the wire: an {@code Optional} becomes its value or null and an object array a
   * {@code List}, inside lists, sets and maps too; everything else is itself.
   *
   * @param v the typed value
   * @return the wire value
   */
  public static Object toWire(Object v) {
    if (v instanceof Optional<?> o) {
      return toWire(o.orElse(null));
    }
    if (v instanceof Object[] array) {
      List<Object> out = new ArrayList<>(array.length);
      for (Object e : array) {
        out.add(toWire(e));
      }
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object e : list) {
        out.add(toWire(e));
      }
      return out;
    }
    if (v instanceof Set<?> set) {
      Set<Object> out = new LinkedHashSet<>();
      for (Object e : set) {
        out.add(toWire(e));
      }
      return out;
    }
    if (v instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(toWire(e.getKey()), toWire(e.getValue()));
      }
      return out;
    }
    return v;
  }

  private static <T, C extends Collection<T>> C addAll(C out, Object v, Converter<T> element,
      String expected, String what) {
    int i = 0;
    if (v instanceof Collection<?> c) {
      for (Object e : c) {
        out.add(element.convert(e, what + "[" + i++ + "]"));
      }
      return out;
    }
    if (v instanceof Object[] array) {
      for (Object e : array) {
        out.add(element.convert(e, what + "[" + i++ + "]"));
      }
      return out;
    }
    throw mismatch(v, expected, what);
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
      throw new IpcException(what + ": expected " + expected + " but got " + v + ", which is out of range");
    }
    throw mismatch(v, expected, what);
  }

  private static IpcException mismatch(Object v, String expected, String what) {
    String got = v == null ? "null" : "a " + v.getClass().getName() + " (" + v + ")";
    return new IpcException(what + ": expected " + expected + " but got " + got);
  }
}
