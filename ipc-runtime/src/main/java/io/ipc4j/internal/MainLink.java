package io.ipc4j.internal;

/** How a renderer's messages reach the main process (a direct hand-off in process, a socket across processes). */
@FunctionalInterface
interface MainLink {
  /**
   * Hands a message to the main process.
   *
   * @throws io.ipc4j.IpcDisconnectedException if the main process can no longer be reached
   */
  void toMain(Message message);
}
