package io.ipc4j.spi;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of record and enum codecs, filled by generated {@code <Interface>Ipc} classes. A registered type
 * crosses the wire as itself, in typed and untyped calls alike; an unregistered record or enum is refused with
 * {@link io.ipc4j.IpcCloneException} before anything is sent.
 */
public final class Codecs {
  private static final Map<Class<?>, Object> BY_TYPE = new ConcurrentHashMap<>();
  private static final Map<String, Object> BY_NAME = new ConcurrentHashMap<>();

  private Codecs() {}

  /**
   * Gives the main process behind {@code ipcMain} the codecs of a generated class, so that these records and
   * enums cross as themselves to and from it.
   *
   * @param ipcMain the global {@code IpcMain} or a renderer's scope
   * @param codecs a generated class's {@code CODECS}
   */
  public static void addTo(io.ipc4j.IpcMain ipcMain, java.util.List<? extends TypeCodec<?>> codecs) {
    Objects.requireNonNull(ipcMain, "ipcMain");
    addAll(codecs);
  }

  /**
   * Gives the renderer behind {@code renderer} the codecs of a generated class.
   *
   * @param renderer a renderer frame
   * @param codecs a generated class's {@code CODECS}
   */
  public static void addTo(io.ipc4j.IpcRenderer renderer, java.util.List<? extends TypeCodec<?>> codecs) {
    Objects.requireNonNull(renderer, "renderer");
    addAll(codecs);
  }

  /**
   * Gives the main process that owns {@code contents} the codecs of a generated class.
   *
   * @param contents a renderer's {@code WebContents}
   * @param codecs a generated class's {@code CODECS}
   */
  public static void addTo(io.ipc4j.WebContents contents, java.util.List<? extends TypeCodec<?>> codecs) {
    Objects.requireNonNull(contents, "contents");
    addAll(codecs);
  }

  private static void addAll(java.util.List<? extends TypeCodec<?>> codecs) {
    for (TypeCodec<?> codec : codecs) {
      if (codec instanceof RecordCodec<?> r) {
        register(r);
      } else if (codec instanceof EnumCodec<?> e) {
        register(e);
      }
    }
  }

  /**
   * Registers a record codec. Registering a codec for a type already registered under the same wire name is a
   * no-op (every generated codec of one record is equivalent).
   *
   * @param codec the codec
   * @throws IllegalStateException if the type is registered under another wire name, or the name for another type
   */
  public static void register(RecordCodec<?> codec) {
    Objects.requireNonNull(codec, "codec");
    put(codec.type(), codec.typeName(), codec);
  }

  /**
   * Registers an enum codec. Registering a codec for a type already registered under the same wire name is a
   * no-op.
   *
   * @param codec the codec
   * @throws IllegalStateException if the type is registered under another wire name, or the name for another type
   */
  public static void register(EnumCodec<?> codec) {
    Objects.requireNonNull(codec, "codec");
    put(codec.type(), codec.typeName(), codec);
  }

  /**
   * Whether a codec is registered for {@code type}.
   *
   * @param type a record or enum class
   * @return true if registered
   */
  public static boolean isRegistered(Class<?> type) {
    return BY_TYPE.containsKey(Objects.requireNonNull(type, "type"));
  }

  /**
   * The codec registered for {@code type}: a {@link RecordCodec}, an {@link EnumCodec}, or null.
   *
   * @param type the value's class
   * @return the codec or null
   */
  public static Object forType(Class<?> type) {
    return BY_TYPE.get(type);
  }

  /**
   * The codec registered under a wire name: a {@link RecordCodec}, an {@link EnumCodec}, or null.
   *
   * @param typeName the wire name
   * @return the codec or null
   */
  public static Object forName(String typeName) {
    return BY_NAME.get(typeName);
  }

  private static synchronized void put(Class<?> type, String name, Object codec) {
    Objects.requireNonNull(type, "codec.type()");
    Objects.requireNonNull(name, "codec.typeName()");
    Object byType = BY_TYPE.get(type);
    Object byName = BY_NAME.get(name);
    if (byType != null || byName != null) {
      Object existing = byType != null ? byType : byName;
      if (byType == byName) {
        return; // this type under this name already: codecs generated for one type are equivalent, keep the first
      }
      throw new IllegalStateException("Cannot register " + codec.getClass().getName() + " for " + type.getName()
          + " as '" + name + "': " + existing.getClass().getName() + " is already registered for it");
    }
    BY_TYPE.put(type, codec);
    BY_NAME.put(name, codec);
  }
}
