package io.ipc4j.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The untyped form of typed values, the opposite of {@link Converters}: the value an untyped caller would have
 * sent. For generated code only.
 */
public final class Untyped {
  private Untyped() {}

  /**
   * The untyped form of a typed value: an {@code Optional} becomes its value or null and an object array a
   * {@code List}, inside lists, sets and maps too; everything else is itself.
   *
   * @param typed the typed value
   * @return its untyped form
   */
  public static Object of(Object typed) {
    if (typed instanceof Optional<?> o) {
      return of(o.orElse(null));
    }
    if (typed instanceof Object[] array) {
      List<Object> out = new ArrayList<>(array.length);
      for (Object e : array) {
        out.add(of(e));
      }
      return out;
    }
    if (typed instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object e : list) {
        out.add(of(e));
      }
      return out;
    }
    if (typed instanceof Set<?> set) {
      Set<Object> out = new LinkedHashSet<>();
      for (Object e : set) {
        out.add(of(e));
      }
      return out;
    }
    if (typed instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(of(e.getKey()), of(e.getValue()));
      }
      return out;
    }
    return typed;
  }
}
