package io.ipc4j.internal.codec;

import io.ipc4j.IpcCloneException;
import io.ipc4j.spi.Codecs;
import io.ipc4j.spi.EnumCodec;
import io.ipc4j.spi.RecordCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes values as MessagePack. It keeps the containers on the current path so that a cycle is refused with the
 * path where it closes (never a stack overflow); the path of any refusal is rebuilt only when one happens.
 */
final class ValueEncoder {
  /** A refusal on its way up; each container level adds its segment to the path. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Object value;
    final String reason;
    final int cycleDepth;
    final List<String> segments = new ArrayList<>();

    Refusal(Object value, String reason, int cycleDepth) {
      super(null, null, false, false);
      this.value = value;
      this.reason = reason;
      this.cycleDepth = cycleDepth;
    }
  }

  private final MessagePackWriter out;
  private Object[] path = new Object[16];
  private int depth;

  ValueEncoder(MessagePackWriter out) {
    this.out = out;
  }

  void writeArgs(Object[] args) {
    int n = args == null ? 0 : args.length;
    out.writeArrayHeader(n);
    for (int i = 0; i < n; i++) {
      try {
        write(args[i]);
      } catch (Refusal r) {
        r.segments.add("[" + i + "]");
        throw toException(r, "argument " + i + " at ", 1);
      }
    }
  }

  void writeValue(Object value) {
    try {
      write(value);
    } catch (Refusal r) {
      throw toException(r, "the value", 0);
    }
  }

  /** @param rootSegments how many leading path segments name the root (1 for an argument's index, else 0) */
  private static IpcCloneException toException(Refusal r, String where, int rootSegments) {
    StringBuilder full = new StringBuilder();
    for (int i = r.segments.size() - 1; i >= 0; i--) {
      full.append(r.segments.get(i));
    }
    String path = full.toString();
    String at = where.endsWith(" at ") ? where + path : (path.isEmpty() ? where : where + " at " + path);
    String type = r.value == null ? "null" : r.value.getClass().getName();
    String detail;
    if (r.cycleDepth >= 0) {
      // Segments were added innermost first; the container referred back to is cycleDepth levels below the root.
      StringBuilder back = new StringBuilder();
      int count = rootSegments + r.cycleDepth;
      for (int i = r.segments.size() - 1; i >= 0 && count > 0; i--, count--) {
        back.append(r.segments.get(i));
      }
      detail = at + " refers back to " + (back.length() == 0 ? "the value" : back) + ", which contains it: "
          + "a cycle cannot be sent; send a copy without the cycle";
    } else {
      detail = at + " is a " + type + ", " + r.reason;
    }
    return new IpcCloneException(path, type, detail);
  }

  private void write(Object v) {
    if (v == null) {
      out.writeNil();
    } else if (v instanceof String s) {
      out.writeString(s);
    } else if (v instanceof Integer i) {
      out.writeLong(i);
    } else if (v instanceof Long l) {
      out.writeLong(l);
    } else if (v instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (v instanceof Double d) {
      out.writeDouble(d);
    } else if (v instanceof Float f) {
      out.writeFloat(f);
    } else if (v instanceof byte[] b) {
      out.writeBinary(b);
    } else if (v instanceof Short s) {
      out.writeLong(s);
    } else if (v instanceof Byte b) {
      out.writeLong(b);
    } else if (v instanceof List<?> list) {
      enter(v);
      out.writeArrayHeader(list.size());
      int i = 0;
      for (Object element : list) {
        writeChild(element, i++);
      }
      leave();
    } else if (v instanceof Map<?, ?> map) {
      writeMap(map);
    } else if (v instanceof Set<?> set) {
      enter(v);
      int mark = out.beginExt(ValueCodec.EXT_SET);
      out.writeArrayHeader(set.size());
      int i = 0;
      for (Object element : set) {
        writeChild(element, i++);
      }
      out.endExt(mark);
      leave();
    } else if (v instanceof Record record) {
      writeRecord(record);
    } else if (v instanceof Enum<?> constant) {
      writeEnum(constant);
    } else if (v instanceof Instant instant) {
      writeInstant(instant);
    } else if (v instanceof Character c) {
      out.writeExtHeader(ValueCodec.EXT_CHARACTER, 2);
      out.put16(c);
    } else if (v instanceof BigInteger big) {
      byte[] bytes = big.toByteArray();
      out.writeExtHeader(ValueCodec.EXT_BIG_INTEGER, bytes.length);
      out.writeRaw(bytes, 0, bytes.length);
    } else if (v instanceof BigDecimal dec) {
      int mark = out.beginExt(ValueCodec.EXT_BIG_DECIMAL);
      out.writeLong(dec.scale());
      byte[] bytes = dec.unscaledValue().toByteArray();
      out.writeRaw(bytes, 0, bytes.length);
      out.endExt(mark);
    } else if (v instanceof Duration d) {
      int mark = out.beginExt(ValueCodec.EXT_DURATION);
      out.writeLong(d.getSeconds());
      out.writeLong(d.getNano());
      out.endExt(mark);
    } else if (v instanceof UUID uuid) {
      out.writeExtHeader(ValueCodec.EXT_UUID, 16);
      out.put64(uuid.getMostSignificantBits());
      out.put64(uuid.getLeastSignificantBits());
    } else if (v instanceof Object[] array) {
      enter(v);
      out.writeArrayHeader(array.length);
      for (int i = 0; i < array.length; i++) {
        writeChild(array[i], i);
      }
      leave();
    } else if (!writePrimitiveArray(v)) {
      throw new Refusal(v, reasonFor(v), -1);
    }
  }

  private void writeChild(Object element, int index) {
    try {
      write(element);
    } catch (Refusal r) {
      r.segments.add("[" + index + "]");
      throw r;
    }
  }

  private void writeMap(Map<?, ?> map) {
    enter(map);
    out.writeMapHeader(map.size());
    int i = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = entry.getKey();
      try {
        write(key);
      } catch (Refusal r) {
        r.segments.add("{key " + i + "}");
        throw r;
      }
      try {
        write(entry.getValue());
      } catch (Refusal r) {
        r.segments.add(key instanceof String s ? "." + shorten(s) : "{" + shorten(String.valueOf(key)) + "}");
        throw r;
      }
      i++;
    }
    leave();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void writeRecord(Record record) {
    Object codec = Codecs.forType(record.getClass());
    if (!(codec instanceof RecordCodec recordCodec)) {
      throw new Refusal(record, "a record with no registered codec: use it in an @IpcChannel or @IpcEvents "
          + "interface (the processor generates its codec) or register one with io.ipc4j.spi.Codecs", -1);
    }
    enter(record);
    List<String> names = recordCodec.componentNames();
    Object[] components = recordCodec.components(record);
    int mark = out.beginExt(ValueCodec.EXT_RECORD);
    out.writeString(recordCodec.typeName());
    out.writeMapHeader(components.length);
    for (int i = 0; i < components.length; i++) {
      out.writeString(names.get(i));
      try {
        write(components[i]);
      } catch (Refusal r) {
        r.segments.add("." + names.get(i));
        throw r;
      }
    }
    out.endExt(mark);
    leave();
  }

  private void writeEnum(Enum<?> constant) {
    Object codec = Codecs.forType(constant.getDeclaringClass());
    if (!(codec instanceof EnumCodec<?> enumCodec)) {
      throw new Refusal(constant, "an enum with no registered codec: use it in an @IpcChannel or @IpcEvents "
          + "interface (the processor generates its codec) or register one with io.ipc4j.spi.Codecs", -1);
    }
    int mark = out.beginExt(ValueCodec.EXT_ENUM);
    out.writeString(enumCodec.typeName());
    out.writeString(constant.name());
    out.endExt(mark);
  }

  private void writeInstant(Instant instant) {
    long seconds = instant.getEpochSecond();
    int nanos = instant.getNano();
    if ((seconds >>> 34) == 0) {
      long data = ((long) nanos << 34) | seconds;
      if ((data & 0xffffffff00000000L) == 0) {
        out.writeExtHeader(ValueCodec.EXT_TIMESTAMP, 4);
        out.put32((int) data);
      } else {
        out.writeExtHeader(ValueCodec.EXT_TIMESTAMP, 8);
        out.put64(data);
      }
    } else {
      out.writeExtHeader(ValueCodec.EXT_TIMESTAMP, 12);
      out.put32(nanos);
      out.put64(seconds);
    }
  }

  private boolean writePrimitiveArray(Object v) {
    if (v instanceof int[] a) {
      primitiveHeader('I', a.length, 4);
      for (int x : a) {
        out.put32(x);
      }
    } else if (v instanceof long[] a) {
      primitiveHeader('J', a.length, 8);
      for (long x : a) {
        out.put64(x);
      }
    } else if (v instanceof double[] a) {
      primitiveHeader('D', a.length, 8);
      for (double x : a) {
        out.put64(Double.doubleToRawLongBits(x));
      }
    } else if (v instanceof float[] a) {
      primitiveHeader('F', a.length, 4);
      for (float x : a) {
        out.put32(Float.floatToRawIntBits(x));
      }
    } else if (v instanceof short[] a) {
      primitiveHeader('S', a.length, 2);
      for (short x : a) {
        out.put16(x);
      }
    } else if (v instanceof char[] a) {
      primitiveHeader('C', a.length, 2);
      for (char x : a) {
        out.put16(x);
      }
    } else if (v instanceof boolean[] a) {
      primitiveHeader('Z', a.length, 1);
      for (boolean x : a) {
        out.writeByte(x ? 1 : 0);
      }
    } else {
      return false;
    }
    return true;
  }

  private void primitiveHeader(char kind, int n, int width) {
    long length = 1L + (long) n * width;
    if (length > Integer.MAX_VALUE) {
      throw new IllegalStateException("array too large to encode: " + n + " elements");
    }
    out.writeExtHeader(ValueCodec.EXT_PRIMITIVE_ARRAY, (int) length);
    out.writeByte(kind);
  }

  private void enter(Object container) {
    for (int i = 0; i < depth; i++) {
      if (path[i] == container) {
        throw new Refusal(container, "cycle", i);
      }
    }
    if (depth == ValueCodec.MAX_DEPTH) {
      throw new Refusal(container, "nested deeper than " + ValueCodec.MAX_DEPTH + " levels, which is refused", -1);
    }
    if (depth == path.length) {
      path = java.util.Arrays.copyOf(path, depth * 2);
    }
    path[depth++] = container;
  }

  private void leave() {
    path[--depth] = null;
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  private static String reasonFor(Object v) {
    Class<?> type = v.getClass();
    String name = type.getName();
    if (type.isSynthetic() || name.contains("$$Lambda")) {
      return "a lambda or method reference, which has no codec: functions cannot cross a process boundary; "
          + "send data and register a handler on the other side instead";
    }
    if (v instanceof Thread) {
      return "which has no codec: a thread cannot be sent; send the data it works on instead";
    }
    if (v instanceof java.util.stream.BaseStream<?, ?>) {
      return "which has no codec: collect the stream into a List first";
    }
    if (v instanceof java.util.Optional<?>) {
      return "which has no codec: send its value, or null when it is empty";
    }
    if (v instanceof java.util.concurrent.Future<?> || v instanceof java.util.concurrent.CompletionStage<?>) {
      return "which has no codec: wait for its result and send that";
    }
    if (v instanceof Iterator<?> || (v instanceof Iterable<?> && !(v instanceof Collection<?>))) {
      return "which has no codec: copy its elements into a List first";
    }
    if (name.startsWith("io.ipc4j.")) {
      return "a live ipc4j object, which has no codec: send an id (such as webContents.id()) instead";
    }
    return "which has no codec: send its data (records, lists, maps, strings, numbers) instead";
  }
}
