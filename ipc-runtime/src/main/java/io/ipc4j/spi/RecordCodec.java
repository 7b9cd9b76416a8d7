package io.ipc4j.spi;

import java.util.List;

/**
 * Takes a record apart into its components and puts it back together, without reflection. Generated for every
 * record used in an {@code @IpcChannel} or {@code @IpcEvents} signature and given to a side with {@link Codecs}.
 *
 * <p>On the wire a record is its {@link #typeName()} and a map of component name to value; the values are encoded
 * like any untyped value, so {@link #create} receives what the untyped decoder produces (an {@code Integer} for a
 * {@code long} component that fits, for example) and must convert.
 *
 * @param <T> the record type
 */
public interface RecordCodec<T extends Record> extends TypeCodec<T> {
  /**
   * The component names, in declaration order.
   *
   * @return the names
   */
  List<String> componentNames();

  /**
   * The component values of {@code value}, in declaration order.
   *
   * @param value the record
   * @return its components
   */
  Object[] components(T value);

  /**
   * Builds a record from decoded component values, in declaration order (a component missing on the wire is
   * {@code null}).
   *
   * @param components the decoded values
   * @return the record
   * @throws RuntimeException if a value has the wrong type; the decoder reports it with the record's name
   */
  T create(Object[] components);
}
