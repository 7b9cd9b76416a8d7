package com.example.gauge;

import io.ipc4j.IpcRenderer;
import io.ipc4j.annotations.IpcChannel;

/** A contract whose generated class this build uses, and which javac never generates here. */
@IpcChannel
public interface Gauge {
  /** The current reading. */
  double read();

  /** The client, from the class the processor would have generated. */
  static Gauge of(IpcRenderer ipc) {
    return GaugeIpc.client(ipc);
  }
}
