package io.ipc4j;

import java.time.Duration;

/** The hosts every conformance test runs on: the same behaviour is promised over each transport. */
public enum HostKind {
  /** Renderers as threads in this JVM. */
  IN_PROCESS {
    @Override
    IpcHost open(IpcHost.Builder builder) {
      return builder.inProcess();
    }
  },

  /** Renderers over the real socket transport: framing, handshake and secret, as a child JVM would use. */
  SOCKETS {
    @Override
    IpcHost open(IpcHost.Builder builder) {
      return builder.overSockets();
    }
  };

  /** Opens a host of this kind with default options. */
  IpcHost open() {
    return open(IpcHost.builder());
  }

  /** Opens a host of this kind with a given default deadline. */
  IpcHost open(Duration defaultTimeout) {
    return open(IpcHost.builder().defaultTimeout(defaultTimeout));
  }

  abstract IpcHost open(IpcHost.Builder builder);
}
