package io.ipc4j;

/**
 * A renderer-side listener for messages from the main process ({@link WebContents#send},
 * {@link IpcMainEvent#reply}). It runs on the renderer's own event loop.
 *
 * <pre>{@code
 * ipcRenderer.on("notes:changed", (event, args) -> refresh());
 * }</pre>
 */
@FunctionalInterface
public interface IpcRendererListener {
  /**
   * Handles one message; an exception thrown here is logged and other listeners still run.
   *
   * @param event the receiving side and the channel
   * @param args the message's arguments, decoded
   * @throws Exception if the listener fails
   */
  void onMessage(IpcRendererEvent event, Object... args) throws Exception;
}
