package io.ipc4j.bench;

import io.ipc4j.annotations.IpcChannel;
import io.ipc4j.annotations.Send;

/** The contract every ipc4j benchmark row calls: the same channels typed (generated code) and untyped. */
@IpcChannel("bench")
public interface EchoApi {
  /**
   * Returns its argument.
   *
   * @param payload the bytes
   * @return the same bytes
   */
  byte[] echo(byte[] payload);

  /**
   * Receives bytes without answering (one-way throughput).
   *
   * @param payload the bytes
   */
  @Send
  void sink(byte[] payload);

  /**
   * How many {@link #sink} messages arrived so far; answered after every earlier message (ordering).
   *
   * @return the count
   */
  long received();
}
