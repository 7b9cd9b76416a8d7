package io.ipc4j.internal.codec;

import io.ipc4j.IpcException;

/** Bytes that are not a valid ipc4j value: truncated, oversized, too deep, or of an unknown type. */
public final class MalformedValueException extends IpcException {
  private static final long serialVersionUID = 1L;

  MalformedValueException(String what, int offset) {
    super("Malformed IPC value: " + what + " at offset " + offset);
  }
}
