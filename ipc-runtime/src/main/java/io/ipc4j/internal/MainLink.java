package io.ipc4j.internal;

/** How a renderer's messages reach the main process (a direct hand-off in process, a socket across processes). */
@FunctionalInterface
public interface MainLink {
  /**
   * Hands a message to the main process.
   *
   * @throws io.ipc4j.IpcDisconnectedException if the main process can no longer be reached
   */
  void toMain(Message message);

  /** Lets go of the way to the main process when the renderer's side closes (a socket closes); idempotent. */
  default void close(String reason) {}
}
