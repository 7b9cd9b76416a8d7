package io.ipc4j;

/**
 * A main-process listener for messages a renderer sent with {@link IpcRenderer#send} or
 * {@link IpcRenderer#sendSync}. It runs on the main event loop.
 *
 * <pre>{@code
 * ipcMain.on("log", (event, args) -> System.out.println(event.sender().id() + ": " + args[0]));
 * }</pre>
 */
@FunctionalInterface
public interface IpcMainListener {
  /**
   * Handles one message. An exception thrown here is logged and, for a {@code sendSync} message nobody has
   * answered yet, reported to the sender; other listeners still run.
   *
   * @param event who sent the message, and how to answer it
   * @param args the message's arguments, decoded
   * @throws Exception if the listener fails
   */
  void onMessage(IpcMainEvent event, Object... args) throws Exception;
}
