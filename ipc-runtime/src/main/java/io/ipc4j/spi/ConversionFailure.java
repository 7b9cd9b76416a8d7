package io.ipc4j.spi;

import io.ipc4j.IpcException;

/**
 * Why a {@link Converter} could not convert a value, and where in the value that happened. Containers prepend the
 * place of the failing element as the failure passes through them, so a path is built only when a conversion
 * fails. {@link Converter#convert} turns it into the {@link IpcException} that callers see. It carries no stack
 * trace: it is thrown only to be caught and turned into that exception.
 */
public final class ConversionFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Where the failure happened inside the converted value, for example {@code [2] key x}; empty at the top. */
  private String path = "";
  /** What was expected and what arrived, without where. */
  private final String detail;

  /**
   * A failure with no place yet.
   *
   * @param detail what was expected and what arrived, for example {@code expected a long but got null}
   */
  public ConversionFailure(String detail) {
    super(detail, null, false, false);
    this.detail = detail;
  }

  /**
   * Notes that the failure happened at {@code place} of the value that contains the failing one.
   *
   * @param place for example {@code [2]} for a list element or {@code [key]} for a map value
   * @return this failure
   */
  public ConversionFailure at(String place) {
    path = place + path;
    return this;
  }

  /**
   * The exception a caller sees.
   *
   * @param what what the whole value is, for example {@code result of notes:list}
   * @return {@code <what><path>: <detail>}
   */
  public IpcException toException(String what) {
    return new IpcException(what + path + ": " + detail);
  }

  @Override
  public String getMessage() {
    return path.isEmpty() ? detail : path + ": " + detail;
  }
}
