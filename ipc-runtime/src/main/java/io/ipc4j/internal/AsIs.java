package io.ipc4j.internal;

import io.ipc4j.internal.codec.ValueCodec;

/**
 * Which payloads a frame carries as they are ({@link Message.WithPayload#asIs}): the only argument of a message or a
 * call, or a call's answer, when it is a {@code byte[]} of at least {@link #MIN_BYTES}. Such an array is neither
 * encoded nor decoded, and no copy of it is made on either side: the sender's socket writes it before the send
 * returns (copying only what the socket could not take yet), and the receiver gets the array the frame was read into.
 */
final class AsIs {
  /**
   * The least length of an array carried as it is: smaller ones are encoded as every other value (the length from
   * which a copy in process also copies the array whole).
   */
  static final int MIN_BYTES = ValueCodec.LARGE_ARRAY_BYTES;

  private AsIs() {}

  /**
   * The only argument of a message or a call, when a frame may carry it as it is.
   *
   * @param args the arguments
   * @return the argument, or null when the arguments must be encoded
   */
  static byte[] ofArguments(Object[] args) {
    return args != null && args.length == 1 ? ofAnswer(args[0]) : null;
  }

  /**
   * A call's answer, when a frame may carry it as it is.
   *
   * @param value the answer
   * @return the value, or null when it must be encoded
   */
  static byte[] ofAnswer(Object value) {
    return value instanceof byte[] bytes && bytes.length >= MIN_BYTES ? bytes : null;
  }

  /**
   * The arguments a message's payload holds.
   *
   * @param m the message
   * @param values the codec of the side that receives them
   * @return the decoded arguments, or the one array as it is
   */
  static Object[] arguments(Message.WithPayload m, ValueCodec values) {
    return m.asIs() ? new Object[] {m.payload()} : values.decodeArgs(m.payload());
  }

  /**
   * The answer an ok reply's payload holds.
   *
   * @param m the reply
   * @param values the codec of the side that receives it
   * @return the decoded value, or the array as it is
   */
  static Object answer(Message.WithPayload m, ValueCodec values) {
    return m.asIs() ? m.payload() : values.decodeValue(m.payload());
  }
}
