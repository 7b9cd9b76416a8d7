package io.ipc4j.internal;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Electron's checks on the ports that travel with one message, in its words, for the main process's ports and a
 * renderer's alike: each port must be one of that side's, not the port the message is posted on, not given away
 * already, listed once and open.
 */
final class TransferChecks {
  private final Map<Object, Boolean> seen = new IdentityHashMap<>();

  private TransferChecks() {}

  /**
   * The transfer list of {@code webContents.postMessage}, {@code webFrameMain.postMessage} or
   * {@code ipcRenderer.postMessage} must be a list of ports, as Electron requires of it.
   *
   * @throws IllegalArgumentException {@code Invalid value for transfer}, if the list or one of its elements is null
   */
  static void listOfPorts(java.util.List<?> transfer) {
    boolean valid = transfer != null;
    for (int i = 0; valid && i < transfer.size(); i++) {
      valid = transfer.get(i) != null;
    }
    if (!valid) {
      throw new IllegalArgumentException("Invalid value for transfer");
    }
  }

  /**
   * Checks for a list of {@code size} ports.
   *
   * @param size how many ports the list holds
   * @return checks for its ports, one by one
   * @throws IllegalArgumentException if one message cannot carry that many
   */
  static TransferChecks forList(int size) {
    if (size > Message.MAX_TRANSFER) {
      throw new IllegalArgumentException("At most " + Message.MAX_TRANSFER + " ports can be transferred with one "
          + "message, not " + size);
    }
    return new TransferChecks();
  }

  /**
   * Checks the port at {@code index} of the list.
   *
   * @param index its place in the list
   * @param port the port, or null when it is not one of this side's
   * @param source the port the message is posted on, or null
   * @param transferred whether the port was given away already
   * @param closed whether the port is closed
   * @throws IllegalArgumentException naming the index and what is wrong with it
   */
  void check(int index, Object port, Object source, boolean transferred, boolean closed) {
    if (port == null) {
      throw new IllegalArgumentException("Port at index " + index + " is not a valid port");
    } else if (port == source) {
      throw new IllegalArgumentException("Port at index " + index + " contains the source port.");
    } else if (transferred) {
      throw new IllegalArgumentException("Port at index " + index + " is already neutered.");
    } else if (seen.put(port, Boolean.TRUE) != null) {
      throw new IllegalArgumentException("Port at index " + index + " is a duplicate.");
    } else if (closed) {
      throw new IllegalArgumentException("Port at index " + index + " is closed.");
    }
  }
}
