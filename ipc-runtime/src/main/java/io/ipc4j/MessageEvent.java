package io.ipc4j;

import java.util.List;
import java.util.Objects;

/**
 * One message that arrived on a port, as Electron's {@code MessageEvent}: the value posted and the ports sent with it.
 *
 * <pre>{@code
 * port.onMessage(event -> {
 *   Object data = event.data();
 *   for (MessagePortMain received : event.ports()) {
 *     received.onMessage(e -> log(e.data()));
 *     received.start();
 *   }
 * });
 * }</pre>
 *
 * @param <P> the kind of port: {@link MessagePortMain} in the main process, {@link MessagePort} in a renderer
 * @param data the posted value, decoded (null if null was posted)
 * @param ports the ports transferred with it, in the order they were listed; empty if none
 */
public record MessageEvent<P>(Object data, List<P> ports) {
  /**
   * Checks and copies the ports.
   *
   * @param data the posted value
   * @param ports the transferred ports
   */
  public MessageEvent {
    ports = List.copyOf(Objects.requireNonNull(ports, "ports"));
  }
}
