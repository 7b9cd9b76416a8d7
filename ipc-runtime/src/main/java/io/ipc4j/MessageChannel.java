package io.ipc4j;

import java.util.Objects;

/**
 * A pair of entangled ports made in a renderer by {@link IpcRenderer#createMessageChannel()}, as the DOM
 * {@code MessageChannel}: what one posts, the other receives. A renderer typically keeps one and gives the other to
 * the main process with {@link IpcRenderer#postMessage}.
 *
 * @param port1 the first port
 * @param port2 the second port
 */
public record MessageChannel(MessagePort port1, MessagePort port2) {
  /**
   * Checks the ports.
   *
   * @param port1 the first port
   * @param port2 the second port
   */
  public MessageChannel {
    Objects.requireNonNull(port1, "port1");
    Objects.requireNonNull(port2, "port2");
  }
}
