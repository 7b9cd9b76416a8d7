package io.ipc4j;

/** The root of every exception ipc4j throws for an IPC failure. Unchecked. */
public class IpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and what to do
   */
  public IpcException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong and what to do
   * @param cause the underlying failure
   */
  public IpcException(String message, Throwable cause) {
    super(message, cause);
  }
}
