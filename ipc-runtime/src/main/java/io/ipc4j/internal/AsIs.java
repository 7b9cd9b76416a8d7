package io.ipc4j.internal;

/**
 * Which payloads a frame carries as they are ({@link Message.WithPayload#asIs}): a call's only argument, or its
 * answer, when it is a {@code byte[]} of at least {@link #MIN_BYTES}. Such an array is neither encoded nor decoded,
 * and no copy of it is made on either side: the sender's socket writes it before the send returns (copying only what
 * the socket could not take yet), and the receiver gets the array the frame was read into.
 */
final class AsIs {
  /** The least length of an array carried as it is: smaller ones are encoded as every other value. */
  static final int MIN_BYTES = 64 * 1024;

  private AsIs() {}

  /**
   * The call's only argument, when a frame may carry it as it is.
   *
   * @param args a call's arguments
   * @return the argument, or null when the arguments must be encoded
   */
  static byte[] argument(Object[] args) {
    return args != null && args.length == 1 ? value(args[0]) : null;
  }

  /**
   * The answer, when a frame may carry it as it is.
   *
   * @param value a call's answer
   * @return the value, or null when it must be encoded
   */
  static byte[] value(Object value) {
    return value instanceof byte[] bytes && bytes.length >= MIN_BYTES ? bytes : null;
  }
}
