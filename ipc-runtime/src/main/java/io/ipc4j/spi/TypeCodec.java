package io.ipc4j.spi;

/**
 * What every codec of a named type has: the class and the name it has on the wire. Generated for every record and
 * enum used in an {@code @IpcChannel} or {@code @IpcEvents} signature, as a {@link RecordCodec} or an
 * {@link EnumCodec}, and listed in the generated class's {@code CODECS}.
 *
 * @param <T> the type
 */
public interface TypeCodec<T> {
  /**
   * The class.
   *
   * @return the class
   */
  Class<T> type();

  /**
   * The name the type has on the wire: its binary class name, for example {@code com.acme.Outer$Note}.
   *
   * @return the wire name
   */
  String typeName();
}
