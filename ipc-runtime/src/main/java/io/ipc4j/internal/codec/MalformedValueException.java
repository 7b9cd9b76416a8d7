package io.ipc4j.internal.codec;

import io.ipc4j.IpcException;

/**
 * Bytes that are not a valid ipc4j value: truncated, oversized, too deep, of an unknown type, out of range, or past
 * one of the decoder's limits (see {@link ValueCodec}). The only error decoding malformed bytes ends in.
 */
public final class MalformedValueException extends IpcException {
  private static final long serialVersionUID = 1L;

  MalformedValueException(String what, int offset) {
    super("Malformed IPC value: " + what + " at offset " + offset);
  }
}
