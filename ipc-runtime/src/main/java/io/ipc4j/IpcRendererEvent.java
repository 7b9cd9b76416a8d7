package io.ipc4j;

/** The event passed to {@link IpcRendererListener}s. */
public interface IpcRendererEvent {
  /**
   * The renderer-side endpoint that received the message.
   *
   * @return the receiving frame's {@link IpcRenderer}
   */
  IpcRenderer sender();

  /**
   * The channel the message arrived on.
   *
   * @return the channel
   */
  String channel();
}
