package io.ipc4j;

/**
 * What every main-process event says about its sender. Ids are assigned by the host, so a renderer cannot
 * claim another's identity.
 */
public interface IpcEvent {
  /**
   * The channel the message arrived on.
   *
   * @return the channel
   */
  String channel();

  /**
   * The renderer that sent the message.
   *
   * @return the sender's {@link WebContents}
   */
  WebContents sender();

  /**
   * The id of the sender's renderer process, assigned by the host (not an operating-system pid).
   *
   * @return the process id
   */
  int processId();

  /**
   * The id of the sending frame, unique within {@link #processId()}.
   *
   * @return the frame id
   */
  int frameId();

  /**
   * The frame that sent the message; check {@link WebFrameMain#isDestroyed()} before relying on it later.
   *
   * @return the sending frame
   */
  WebFrameMain senderFrame();
}
