package io.ipc4j.internal;

import io.ipc4j.internal.codec.ValueCodec;

/**
 * Which payloads a frame carries as they are ({@link Message.WithPayload#asIs}): the only argument of a message or a
 * call, or a call's answer, when it is a {@code byte[]} of at least {@link ValueCodec#LARGE_ARRAY_BYTES}
 * ({@link ValueCodec#isLargeArray}, the rule by which a copy in process copies it whole). Such an array is neither
 * encoded nor decoded, and no copy of it is made on either side: the sender's socket writes it before the send
 * returns (copying only what the socket could not take yet), and the receiver gets the array the frame was read into.
 */
final class AsIs {
  private AsIs() {}

  /**
   * The payload of a message's or a call's arguments: the one array itself when {@code framed} (the link frames each
   * message as it is sent: see {@link MainLink#framesAsSent}) and it is a {@code byte[]} of at least
   * {@link ValueCodec#LARGE_ARRAY_BYTES}; else their encoding. {@link #isArgument} tells which.
   *
   * @param args the arguments
   * @param framed whether the message goes over a link that frames it as it is sent
   * @param values the codec of the side that sends them
   * @return the payload
   */
  static byte[] ofArguments(Object[] args, boolean framed, ValueCodec values) {
    return framed && ValueCodec.isOneLargeArray(args) ? (byte[]) args[0]
        : values.encodeArgs(args);
  }

  /**
   * Whether a payload made by {@link #ofArguments} is the one argument itself (an encoding is an array of its own).
   *
   * @param payload the payload
   * @param args the arguments it was made of
   * @return whether the payload is carried as it is
   */
  static boolean isArgument(byte[] payload, Object[] args) {
    return payload != null && args != null && args.length == 1 && args[0] == payload;
  }

  /**
   * The payload of a call's answer, as {@link #ofArguments} makes that of arguments; it is the answer itself when
   * {@code payload == value}.
   *
   * @param value the answer
   * @param framed whether the answer goes over a link that frames it as it is sent
   * @param values the codec of the side that answers
   * @return the payload
   */
  static byte[] ofAnswer(Object value, boolean framed, ValueCodec values) {
    return framed && ValueCodec.isLargeArray(value) ? (byte[]) value : values.encodeValue(value);
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
