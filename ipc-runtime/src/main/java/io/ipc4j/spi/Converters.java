package io.ipc4j.spi;

import io.ipc4j.IpcException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
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
  public static final Converter<Long> LONG = v -> v == null ? null : Scalars.longOf(v, null);
  /** An {@code Integer} or null: any integer value in range. */
  public static final Converter<Integer> INT =
      v -> v == null ? null : (int) Scalars.integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int", null);
  /** A {@code Short} or null: any integer value in range. */
  public static final Converter<Short> SHORT =
      v -> v == null ? null : (short) Scalars.integral(v, Short.MIN_VALUE, Short.MAX_VALUE, "a short", null);
  /** A {@code Byte} or null: any integer value in range. */
  public static final Converter<Byte> BYTE =
      v -> v == null ? null : (byte) Scalars.integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte", null);
  /** A {@code Character} or null. */
  public static final Converter<Character> CHAR = v -> v == null ? null : Scalars.charOf(v, null);
  /** A {@code Boolean} or null. */
  public static final Converter<Boolean> BOOLEAN = v -> v == null ? null : Scalars.booleanOf(v, null);
  /** A {@code Float} or null: a {@code Float}, or a {@code Double} or integer that a float represents exactly. */
  public static final Converter<Float> FLOAT = v -> v == null ? null : Scalars.floatOf(v, null);
  /** A {@code Double} or null: a {@code Double} or {@code Float}, or an integer a double represents exactly. */
  public static final Converter<Double> DOUBLE = v -> v == null ? null : Scalars.doubleOf(v, null);

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
    return Scalars.longOf(v, what);
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
    return (int) Scalars.integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int", what);
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
    return (short) Scalars.integral(v, Short.MIN_VALUE, Short.MAX_VALUE, "a short", what);
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
    return (byte) Scalars.integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte", what);
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
    return Scalars.charOf(v, what);
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
    return Scalars.booleanOf(v, what);
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
    return Scalars.floatOf(v, what);
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
    return Scalars.doubleOf(v, what);
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
      if (type == BigInteger.class && Scalars.isIntegral(v)) {
        return type.cast(BigInteger.valueOf(((Number) v).longValue()));
      }
      if (type == BigDecimal.class && Scalars.isIntegral(v)) {
        return type.cast(BigDecimal.valueOf(((Number) v).longValue()));
      }
      if (type == BigDecimal.class && v instanceof BigInteger b) {
        return type.cast(new BigDecimal(b));
      }
      throw Scalars.mismatch(v, expected);
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
      throw Scalars.mismatch(v, expected);
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
      throw Scalars.mismatch(v, expected);
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
    return v -> v == null ? null : Elements.addAll(ArrayList::new, v, element, "a List");
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
    return v -> v == null ? null : Elements.addAll(n -> new LinkedHashSet<>(Elements.hashCapacity(n)), v, element,
        "a Set");
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
    return v -> v == null ? null : Elements.map(v, key, value);
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
      List<T> list = Elements.addAll(ArrayList::new, v, element, "an array");
      return list.toArray(newArray.apply(list.size()));
    };
  }
}
