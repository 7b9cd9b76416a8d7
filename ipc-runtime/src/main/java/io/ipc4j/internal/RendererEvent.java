package io.ipc4j.internal;

import io.ipc4j.IpcRenderer;
import io.ipc4j.IpcRendererEvent;
import java.time.Instant;

/**
 * The event of a renderer listener (a message) or of a renderer handler (a call from the main process, whose
 * {@link HandledCall} says how long the main process waits and whether it still does).
 */
final class RendererEvent implements IpcRendererEvent {
  private final IpcRenderer sender;
  private final String channel;
  /** The call this event answers, or null for a message, which nobody waits on. */
  private final HandledCall call;

  RendererEvent(IpcRenderer sender, String channel, HandledCall call) {
    this.sender = sender;
    this.channel = channel;
    this.call = call;
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
  public boolean isCancelled() {
    return call != null && call.isCancelled();
  }

  @Override
  public Instant deadline() {
    return call == null ? Instant.MAX : call.deadline();
  }

  @Override
  public String toString() {
    return "IpcRendererEvent[" + channel + " at " + sender + "]";
  }
}
