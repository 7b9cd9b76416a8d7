package io.ipc4j;

import io.ipc4j.internal.RuntimeEntry;

/**
 * A pair of entangled ports in the main process, as Electron's {@code MessageChannelMain}: what one posts, the
 * other receives. Keep one and send the other to a renderer, or send each to a different renderer so that the two
 * talk to each other.
 *
 * <pre>{@code
 * MessageChannelMain channel = new MessageChannelMain();
 * left.postMessage("port", "you talk to the right window", List.of(channel.port1()));
 * right.postMessage("port", "you talk to the left window", List.of(channel.port2()));
 * }</pre>
 *
 * <p>A new channel belongs to no host: its ports become the host's when one of them is transferred through it (see
 * {@link MessagePortMain} for where its listeners run until then). Each channel has its own state: channels and
 * hosts share none.
 */
public final class MessageChannelMain {
  private final MessagePortMain port1;
  private final MessagePortMain port2;

  /** Makes a new pair of entangled ports. */
  public MessageChannelMain() {
    MessagePortMain[] pair = RuntimeEntry.newMainChannel();
    this.port1 = pair[0];
    this.port2 = pair[1];
  }

  /**
   * The first port.
   *
   * @return port 1
   */
  public MessagePortMain port1() {
    return port1;
  }

  /**
   * The second port.
   *
   * @return port 2
   */
  public MessagePortMain port2() {
    return port2;
  }
}
