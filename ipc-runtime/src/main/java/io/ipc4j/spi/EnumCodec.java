package io.ipc4j.spi;

/**
 * Turns a constant's name back into the constant, without reflection. Generated for every enum used in an
 * {@code @IpcChannel} or {@code @IpcEvents} signature and given to a side with {@link Codecs}. On the wire an enum
 * constant is its {@link #typeName()} and its {@link Enum#name()}.
 *
 * @param <E> the enum type
 */
public interface EnumCodec<E extends Enum<E>> extends TypeCodec<E> {
  /**
   * The constant named {@code name}.
   *
   * @param name a constant's name
   * @return the constant
   * @throws IllegalArgumentException if there is no such constant
   */
  E valueOf(String name);
}
