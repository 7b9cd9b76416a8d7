package io.ipc4j.internal;

import io.ipc4j.IpcRenderer;
import io.ipc4j.IpcRendererEvent;
import io.ipc4j.MessagePort;
import java.util.List;

/**
 * The event of a renderer listener (a message, which nobody waits on) or of a renderer handler (a call from the main
 * process, which waits until its deadline or until it cancels).
 */
final class RendererEvent extends CallEvent implements IpcRendererEvent {
  private final IpcRenderer sender;
  private final String channel;
  private final List<MessagePort> ports;

  /** @param timeoutMillis how long the main process waits for this call, or 0 for a message */
  RendererEvent(IpcRenderer sender, String channel, long timeoutMillis) {
    this(sender, channel, timeoutMillis, List.of());
  }

  /** The event of a message that carried {@code ports} ({@code webContents.postMessage}). */
  RendererEvent(IpcRenderer sender, String channel, long timeoutMillis, List<MessagePort> ports) {
    super(timeoutMillis);
    this.sender = sender;
    this.channel = channel;
    this.ports = List.copyOf(ports);
  }

  @Override
  public List<MessagePort> ports() {
    return ports;
  }

  @Override
  public IpcRenderer sender() {
    return sender;
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public String toString() {
    return "IpcRendererEvent[" + channel + " at " + sender + "]";
  }
}
