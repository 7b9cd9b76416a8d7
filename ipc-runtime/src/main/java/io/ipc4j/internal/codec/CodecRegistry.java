package io.ipc4j.internal.codec;

import io.ipc4j.spi.EnumCodec;
import io.ipc4j.spi.RecordCodec;
import io.ipc4j.spi.TypeCodec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The record and enum codecs one side of the IPC knows: the host has one, each renderer its own. Filled through
 * {@link io.ipc4j.spi.Codecs#addTo} by generated entry points and by {@code IpcHost.builder().codecs(...)}; read on
 * every record or enum that is encoded or decoded, so reads take no lock.
 *
 * <p>One type has one wire name: adding a codec for a type already known under the same name keeps the first
 * (every generated codec of one type is equivalent); a type under another name, or a name for another type, is
 * refused.
 */
public final class CodecRegistry {
  private final Map<Class<?>, TypeCodec<?>> byType = new ConcurrentHashMap<>();
  private final Map<String, TypeCodec<?>> byName = new ConcurrentHashMap<>();

  /** An empty registry. */
  public CodecRegistry() {}

  /**
   * Adds codecs, in order.
   *
   * @param codecs record and enum codecs, such as a generated class's {@code CODECS}
   * @throws IllegalStateException if a codec conflicts with one already here (those before it are kept)
   * @throws IllegalArgumentException if a codec is neither a {@link RecordCodec} nor an {@link EnumCodec}
   */
  public void addAll(List<? extends TypeCodec<?>> codecs) {
    for (TypeCodec<?> codec : Objects.requireNonNull(codecs, "codecs")) {
      add(codec);
    }
  }

  /**
   * Adds one codec.
   *
   * @param codec a record or enum codec
   * @throws IllegalStateException if the type is known under another wire name, or the name for another type
   * @throws IllegalArgumentException if the codec is neither a {@link RecordCodec} nor an {@link EnumCodec}
   */
  public synchronized void add(TypeCodec<?> codec) {
    Objects.requireNonNull(codec, "codec");
    if (!(codec instanceof RecordCodec<?> || codec instanceof EnumCodec<?>)) {
      throw new IllegalArgumentException(codec.getClass().getName() + " is neither a RecordCodec nor an EnumCodec");
    }
    Class<?> type = Objects.requireNonNull(codec.type(), "codec.type()");
    String name = Objects.requireNonNull(codec.typeName(), "codec.typeName()");
    TypeCodec<?> sameType = byType.get(type);
    TypeCodec<?> sameName = byName.get(name);
    if (sameType == null && sameName == null) {
      // The name goes in last: a reader that finds it finds the type too.
      byType.put(type, codec);
      byName.put(name, codec);
      return;
    }
    if (sameType != null && sameType == sameName) {
      return; // this type under this name already
    }
    TypeCodec<?> existing = sameType != null ? sameType : sameName;
    throw new IllegalStateException("Cannot add " + codec.getClass().getName() + " for " + type.getName() + " as '"
        + name + "': " + existing.getClass().getName() + " for " + existing.type().getName() + " as '"
        + existing.typeName() + "' is already there");
  }

  /**
   * The codec of a record class.
   *
   * @param type the record's class
   * @return its codec, or null if this side has none
   */
  public RecordCodec<?> recordFor(Class<?> type) {
    return byType.get(type) instanceof RecordCodec<?> codec ? codec : null;
  }

  /**
   * The codec of the record with a wire name.
   *
   * @param typeName the record's wire name
   * @return its codec, or null if this side has none
   */
  public RecordCodec<?> recordNamed(String typeName) {
    return byName.get(typeName) instanceof RecordCodec<?> codec ? codec : null;
  }

  /**
   * The codec of an enum class.
   *
   * @param type the enum's class
   * @return its codec, or null if this side has none
   */
  public EnumCodec<?> enumFor(Class<?> type) {
    return byType.get(type) instanceof EnumCodec<?> codec ? codec : null;
  }

  /**
   * The codec of the enum with a wire name.
   *
   * @param typeName the enum's wire name
   * @return its codec, or null if this side has none
   */
  public EnumCodec<?> enumNamed(String typeName) {
    return byName.get(typeName) instanceof EnumCodec<?> codec ? codec : null;
  }
}
