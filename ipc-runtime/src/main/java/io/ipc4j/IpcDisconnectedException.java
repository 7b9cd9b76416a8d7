package io.ipc4j;

/**
 * The other side is gone: the renderer closed, exited or was killed, or the host closed. Every call pending on a
 * lost connection fails with this exception; sending to a destroyed renderer throws it with
 * {@code Object has been destroyed}.
 */
public class IpcDisconnectedException extends IpcException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is gone
   */
  public IpcDisconnectedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is gone
   * @param cause the underlying failure
   */
  public IpcDisconnectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
