package io.ipc4j.it;

import io.ipc4j.IpcHost;

/**
 * The host every black-box test runs on. The build runs this suite twice: renderers as threads, then over the
 * real socket transport ({@code -Dipc4j.it.host=sockets}), so the generated code is held to the same behaviour on
 * both.
 */
final class Hosts {
  static final String KIND = System.getProperty("ipc4j.it.host", "in-process");

  private Hosts() {}

  static IpcHost open() {
    return open(IpcHost.builder());
  }

  static IpcHost open(IpcHost.Builder builder) {
    return KIND.equals("sockets") ? builder.overSockets() : builder.inProcess();
  }
}
