package io.ipc4j.spi;

/**
 * The checks behind {@link Converters}' scalar conversions. Each takes {@code what}: null inside a converter, where a
 * failure is a {@link ConversionFailure} that containers add their place to; else what the value is, and a failure
 * is the {@link io.ipc4j.IpcException} the caller sees. Either is built only when the value does not convert.
 */
final class Scalars {
  private Scalars() {}

  static long longOf(Object v, String what) {
    if (isIntegral(v)) {
      return ((Number) v).longValue();
    }
    throw fail(mismatch(v, "a long"), what);
  }

  /** An integer value from {@code min} to {@code max}: {@code expected} names its type. */
  static long integral(Object v, long min, long max, String expected, String what) {
    if (!isIntegral(v)) {
      throw fail(mismatch(v, expected), what);
    }
    long l = ((Number) v).longValue();
    if (l < min || l > max) {
      throw fail(new ConversionFailure("expected " + expected + " but got " + v + ", which is out of range"), what);
    }
    return l;
  }

  static char charOf(Object v, String what) {
    if (v instanceof Character c) {
      return c;
    }
    throw fail(mismatch(v, "a char"), what);
  }

  static boolean booleanOf(Object v, String what) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw fail(mismatch(v, "a boolean"), what);
  }

  /** A float, or a double or integer that a float represents exactly. */
  static float floatOf(Object v, String what) {
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
    throw fail(mismatch(v, "a float"), what);
  }

  /** A double or float, or an integer that a double represents exactly. */
  static double doubleOf(Object v, String what) {
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
    throw fail(mismatch(v, "a double"), what);
  }

  static boolean isIntegral(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
  }

  static ConversionFailure mismatch(Object v, String expected) {
    String got = v == null ? "null" : "a " + v.getClass().getName() + " (" + v + ")";
    return new ConversionFailure("expected " + expected + " but got " + got);
  }

  private static RuntimeException fail(ConversionFailure failure, String what) {
    return what == null ? failure : failure.toException(what);
  }
}
