package io.ipc4j;

import java.time.Duration;

/**
 * A call's deadline passed before its reply arrived. The call is abandoned: a late reply is dropped.
 * Raise the deadline per call ({@link IpcRenderer#invokeWithTimeout}), per typed method ({@code @Timeout}), or for
 * the whole host ({@link IpcHost.Builder#defaultTimeout}).
 */
public class IpcTimeoutException extends IpcException {
  private static final long serialVersionUID = 1L;

  /** The channel of the call that timed out. */
  private final String channel;
  /** The deadline the call had. */
  private final Duration timeout;

  /**
   * Creates the exception.
   *
   * @param channel the channel that was called
   * @param timeout the deadline that passed
   */
  public IpcTimeoutException(String channel, Duration timeout) {
    super("No reply on '" + channel + "' within " + format(timeout)
        + "; the call was abandoned (give it a longer deadline if the handler is slow)");
    this.channel = channel;
    this.timeout = timeout;
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
   * The deadline that passed.
   *
   * @return the deadline
   */
  public Duration timeout() {
    return timeout;
  }

  private static String format(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }
}
