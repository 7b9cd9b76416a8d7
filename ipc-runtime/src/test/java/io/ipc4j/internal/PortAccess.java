package io.ipc4j.internal;

import io.ipc4j.MessagePortMain;

/** What the tests of the socket package may see of a port: its id, which a forged frame names. */
public final class PortAccess {
  private PortAccess() {}

  /** The id of a main-side port: 0 until its pair belongs to a host, which numbers it then. */
  public static long idOf(MessagePortMain port) {
    return ((MainPort) port).end.id;
  }
}
