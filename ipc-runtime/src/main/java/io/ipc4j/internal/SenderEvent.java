package io.ipc4j.internal;

import io.ipc4j.IpcEvent;
import io.ipc4j.WebContents;
import io.ipc4j.WebFrameMain;

/**
 * What the main process knows of a renderer's message before anything handles it: its channel, and its sender and
 * frame as the host identified them. The listeners' and handlers' {@link MainEvent} and the interceptors' view of a
 * message ({@link Interception}) both say this much.
 */
abstract class SenderEvent implements IpcEvent {
  final WebContentsImpl sender;
  final WebFrameMainImpl frame;
  final String channel;

  SenderEvent(WebContentsImpl sender, WebFrameMainImpl frame, String channel) {
    this.sender = sender;
    this.frame = frame;
    this.channel = channel;
  }

  @Override
  public final String channel() {
    return channel;
  }

  @Override
  public final WebContents sender() {
    return sender;
  }

  @Override
  public final int processId() {
    return sender.processId;
  }

  @Override
  public final int frameId() {
    return frame.frameId();
  }

  @Override
  public final WebFrameMain senderFrame() {
    return frame;
  }
}
