package io.ipc4j.spi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Converts the elements of containers for {@link Converters}: a failing element's place (its index, its map key)
 * is added to the failure as it passes, so a path is built only when a conversion fails.
 */
final class Elements {
  private Elements() {}

  /**
   * The converted elements of a decoded collection or object array, in a collection that {@code sized} makes for
   * their number (so that it never grows).
   */
  static <T, C extends Collection<T>> C addAll(IntFunction<C> sized, Object v, Converter<T> element,
      String expected) {
    if (v instanceof Collection<?> c) {
      C out = sized.apply(c.size());
      int i = 0;
      for (Object e : c) {
        out.add(element(element, e, i++));
      }
      return out;
    }
    if (v instanceof Object[] array) {
      C out = sized.apply(array.length);
      for (int i = 0; i < array.length; i++) {
        out.add(element(element, array[i], i));
      }
      return out;
    }
    throw Scalars.mismatch(v, expected);
  }

  /** The initial capacity at which a hash set or map holds {@code n} entries without resizing. */
  static int hashCapacity(int n) {
    return n + n / 3 + 1;
  }

  /** A {@code LinkedHashMap} of the converted keys and values of a decoded map. */
  static <K, V> Map<K, V> map(Object v, Converter<K> key, Converter<V> value) {
    if (!(v instanceof Map<?, ?> map)) {
      throw Scalars.mismatch(v, "a Map");
    }
    Map<K, V> out = new LinkedHashMap<>(hashCapacity(map.size()));
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
  }

  private static <T> T element(Converter<T> element, Object value, int index) {
    try {
      return element.from(value);
    } catch (ConversionFailure failure) {
      throw failure.at("[" + index + "]");
    }
  }
}
