package io.ipc4j;

/**
 * A call failed on the other side: its handler threw, or there was no handler. The message keeps Electron's
 * format, {@code Error invoking remote method '<channel>': <remote exception's toString()>}, so answers written
 * for Electron still apply; the remote exception's type and message are fields too.
 *
 * <pre>{@code
 * Error invoking remote method 'notes:get': java.lang.IllegalArgumentException: no such note
 * }</pre>
 */
public class IpcInvokeException extends IpcException {
  private static final long serialVersionUID = 1L;

  /** The channel that was invoked. */
  private final String channel;
  /** The fully qualified class name of the remote exception. */
  private final String remoteType;
  /** The remote exception's message, or null if it had none. */
  private final String remoteMessage;

  /**
   * Creates the exception for a failed call.
   *
   * @param channel the channel that was called
   * @param remoteType the fully qualified class name of the remote exception
   * @param remoteMessage the remote exception's message, or null if it had none
   */
  public IpcInvokeException(String channel, String remoteType, String remoteMessage) {
    super("Error invoking remote method '" + channel + "': "
        + (remoteMessage == null ? remoteType : remoteType + ": " + remoteMessage));
    this.channel = channel;
    this.remoteType = remoteType;
    this.remoteMessage = remoteMessage;
  }

  /**
   * The channel that was called.
   *
   * @return the channel
   */
  public String channel() {
    return channel;
  }

  /**
   * The fully qualified class name of the exception the remote side threw. When a generated registration answered
   * and the exception is a checked one its interface method declares, this is the declared type the exception is an
   * instance of (the most specific one declared), not the class thrown: a method declared
   * {@code throws IOException} whose implementation throws {@code FileNotFoundException} reports
   * {@code java.io.IOException}, the type its interface promises and the one a typed caller rethrows.
   *
   * @return the remote type, for example {@code java.lang.IllegalArgumentException}
   */
  public String remoteType() {
    return remoteType;
  }

  /**
   * The message of the exception the remote side threw.
   *
   * @return the remote message, or null if it had none
   */
  public String remoteMessage() {
    return remoteMessage;
  }
}
