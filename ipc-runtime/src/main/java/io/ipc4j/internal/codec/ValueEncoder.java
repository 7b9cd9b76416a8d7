package io.ipc4j.internal.codec;

import io.ipc4j.spi.EnumCodec;
import io.ipc4j.spi.RecordCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes values as MessagePack, records and enums with the codecs of the side that sends. It keeps the containers on
 * the current path so that a cycle is refused with the path where it closes (never a stack overflow); the path of
 * any refusal is rebuilt only when one happens (see {@link CloneRefusal}).
 */
final class ValueEncoder {
  /** The sending side's codecs; a thread's reused encoder is given the codecs of each encode (see CodecScratch). */
  CodecRegistry codecs;
  private final MessagePackWriter out;
  /** The containers on the current path, outermost first; made by the first container (most calls send none). */
  private Object[] path;
  private int depth;

  ValueEncoder(CodecRegistry codecs, MessagePackWriter out) {
    this.codecs = codecs;
    this.out = out;
  }

  /** The writer this encoder writes to. */
  MessagePackWriter out() {
    return out;
  }

  /** Forgets the path of an encode that failed half-way, so that the encoder may be used again. */
  void clearPath() {
    for (int i = 0; i < depth; i++) {
      path[i] = null;
    }
    depth = 0;
  }

  void writeArgs(Object[] args) {
    int n = args == null ? 0 : args.length;
    out.writeArrayHeader(n);
    for (int i = 0; i < n; i++) {
      try {
        write(args[i]);
      } catch (CloneRefusal r) {
        r.segments.add("[" + i + "]");
        throw CloneRefusal.toException(r, "argument " + i + " at ", 1);
      }
    }
  }

  void writeValue(Object value) {
    try {
      write(value);
    } catch (CloneRefusal r) {
      throw CloneRefusal.toException(r, "the value", 0);
    }
  }

  private void write(Object v) {
    if (v == null) {
      out.writeNil();
    } else if (v instanceof String s) {
      out.writeString(s);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      out.writeLong(((Number) v).longValue());
    } else if (v instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (v instanceof Double d) {
      out.writeDouble(d);
    } else if (v instanceof Float f) {
      out.writeFloat(f);
    } else if (v instanceof byte[] b) {
      out.writeBinary(b);
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
      throw new CloneRefusal(v, CloneRefusal.reasonFor(v), -1);
    }
  }

  private void writeChild(Object element, int index) {
    try {
      write(element);
    } catch (CloneRefusal r) {
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
      } catch (CloneRefusal r) {
        r.segments.add("{key " + i + "}");
        throw r;
      }
      try {
        write(entry.getValue());
      } catch (CloneRefusal r) {
        String k = CloneRefusal.shorten(String.valueOf(key));
        r.segments.add(key instanceof String ? "." + k : "{" + k + "}");
        throw r;
      }
      i++;
    }
    leave();
  }

  private void writeRecord(Record record) {
    RecordCodec<?> codec = codecs.recordFor(record.getClass());
    if (codec == null) {
      throw new CloneRefusal(record, "a record " + CloneRefusal.NO_CODEC, -1);
    }
    enter(record);
    List<String> names = codec.componentNames();
    Object[] components = componentsOf(codec, record);
    int mark = out.beginExt(ValueCodec.EXT_RECORD);
    out.writeString(codec.typeName());
    out.writeMapHeader(components.length);
    for (int i = 0; i < components.length; i++) {
      out.writeString(names.get(i));
      try {
        write(components[i]);
      } catch (CloneRefusal r) {
        r.segments.add("." + names.get(i));
        throw r;
      }
    }
    out.endExt(mark);
    leave();
  }

  /** The components of a record that the codec was found for by its class. */
  private static <T extends Record> Object[] componentsOf(RecordCodec<T> codec, Record record) {
    return codec.components(codec.type().cast(record));
  }

  private void writeEnum(Enum<?> constant) {
    EnumCodec<?> codec = codecs.enumFor(constant.getDeclaringClass());
    if (codec == null) {
      throw new CloneRefusal(constant, "an enum " + CloneRefusal.NO_CODEC, -1);
    }
    int mark = out.beginExt(ValueCodec.EXT_ENUM);
    out.writeString(codec.typeName());
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

  /** Writes a primitive array other than byte[] as its big-endian elements; false if {@code v} is none. */
  private boolean writePrimitiveArray(Object v) {
    if (v instanceof int[] a) {
      primitiveData('I', a.length, 4).asIntBuffer().put(a);
    } else if (v instanceof long[] a) {
      primitiveData('J', a.length, 8).asLongBuffer().put(a);
    } else if (v instanceof boolean[] a) {
      ByteBuffer data = primitiveData('Z', a.length, 1);
      for (boolean x : a) {
        data.put((byte) (x ? 1 : 0));
      }
    } else if (v instanceof double[] a) {
      primitiveData('D', a.length, 8).asDoubleBuffer().put(a); // raw bits: NaN payloads kept
    } else if (v instanceof float[] a) {
      primitiveData('F', a.length, 4).asFloatBuffer().put(a);
    } else if (v instanceof short[] a) {
      primitiveData('S', a.length, 2).asShortBuffer().put(a);
    } else if (v instanceof char[] a) {
      primitiveData('C', a.length, 2).asCharBuffer().put(a);
    } else {
      return false;
    }
    return true;
  }

  /** Writes a primitive array's header and kind, and returns the room for its {@code n} elements. */
  private ByteBuffer primitiveData(char kind, int n, int width) {
    long length = 1L + (long) n * width;
    if (length > Integer.MAX_VALUE) {
      throw new IllegalStateException("array too large to encode: " + n + " elements");
    }
    out.writeExtHeader(ValueCodec.EXT_PRIMITIVE_ARRAY, (int) length);
    out.writeByte(kind);
    return out.reserve(n * width);
  }

  private void enter(Object container) {
    for (int i = 0; i < depth; i++) {
      if (path[i] == container) {
        throw new CloneRefusal(container, "cycle", i);
      }
    }
    if (depth == ValueCodec.MAX_DEPTH) {
      throw new CloneRefusal(container, "nested deeper than " + ValueCodec.MAX_DEPTH + " levels, which is refused", -1);
    }
    if (path == null) {
      path = new Object[16];
    } else if (depth == path.length) {
      path = java.util.Arrays.copyOf(path, depth * 2);
    }
    path[depth++] = container;
  }

  private void leave() {
    path[--depth] = null;
  }
}
