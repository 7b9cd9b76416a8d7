package io.ipc4j.internal;

import io.ipc4j.IpcException;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.internal.codec.ValueCodec;

/**
 * The exception a failed reply stands for, for a caller on either side: a renderer's {@code invoke} and the main
 * process's {@code webContents.invoke} report the other side's failure in the same words.
 */
final class RemoteFailure {
  /** The remote type a malformed failure reply is reported with (the real one is unknown). */
  static final String MALFORMED_TYPE = IpcException.class.getName();

  private RemoteFailure() {}

  /**
   * The exception for a failed reply's payload. The payload comes from the other side, so it is checked before it
   * is trusted: anything but {@code [type, message]} (two strings, the message may be nil) is reported as a malformed
   * failure, never as a {@link ClassCastException} or an index out of bounds.
   *
   * @param channel the call's channel
   * @param payload the failed reply's payload
   * @param values the codec of the side that receives it
   * @return {@code Error invoking remote method '<channel>': <type>: <message>}
   */
  static IpcInvokeException of(String channel, byte[] payload, ValueCodec values) {
    Object[] error;
    try {
      error = Message.Reply.failureFields(payload, values);
    } catch (RuntimeException e) {
      IpcInvokeException malformed = malformed(channel, "it does not decode as a list (" + e.getMessage() + ")");
      malformed.initCause(e);
      return malformed;
    }
    if (error.length != 2) {
      return malformed(channel, "expected [type, message], found a list of " + error.length);
    }
    if (!(error[0] instanceof String type) || type.isEmpty()) {
      return malformed(channel, "the type is " + describe(error[0]) + ", not a class name");
    }
    if (error[1] != null && !(error[1] instanceof String)) {
      return malformed(channel, "the message is " + describe(error[1]) + ", not a string or nil");
    }
    return new IpcInvokeException(channel, type, (String) error[1]);
  }

  private static IpcInvokeException malformed(String channel, String what) {
    return new IpcInvokeException(channel, MALFORMED_TYPE, "malformed failure reply: " + what);
  }

  private static String describe(Object value) {
    return value == null ? "nil" : "a " + value.getClass().getName();
  }
}
