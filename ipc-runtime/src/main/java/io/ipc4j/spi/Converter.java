package io.ipc4j.spi;

import io.ipc4j.IpcException;

/**
 * Converts one decoded, untyped value to a type an interface declares. Generated classes hold their converters
 * as {@code static final} constants built from {@link Converters}; nothing is built per call.
 *
 * <pre>{@code
 * private static final Converter<List<Note>> LIST_OF_NOTE = Converters.listOf(Converters.record(NOTE_CODEC));
 * List<Note> notes = LIST_OF_NOTE.convert(result, "result of notes:list");
 * }</pre>
 *
 * @param <T> the declared type
 */
@FunctionalInterface
public interface Converter<T> {
  /**
   * Converts {@code value}, or fails with a {@link ConversionFailure} that says what was expected; containers add
   * where in them the failing element sat.
   *
   * @param value the decoded value, possibly null
   * @return the converted value
   * @throws ConversionFailure if the value cannot be converted without loss
   */
  T from(Object value);

  /**
   * Converts {@code value}; a failure names {@code what}, followed by where in the value it happened.
   *
   * @param value the decoded value, possibly null
   * @param what what the value is, for the error message (for example {@code "result of notes:list"}); a
   *     constant, so that success costs no string building
   * @return the converted value
   * @throws IpcException if the value cannot be converted without loss, for example
   *     {@code result of notes:list[2]: expected a com.example.Note but got a java.lang.String (x)}
   */
  default T convert(Object value, String what) {
    try {
      return from(value);
    } catch (ConversionFailure failure) {
      throw failure.toException(what);
    }
  }
}
