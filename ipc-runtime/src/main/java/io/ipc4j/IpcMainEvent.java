package io.ipc4j;

/**
 * The event passed to {@link IpcMainListener}s for {@link IpcRenderer#send} and {@link IpcRenderer#sendSync}.
 *
 * <pre>{@code
 * ipcMain.on("echo", (event, args) -> event.reply("echo", args[0]));         // to the sending frame
 * ipcMain.on("settings", (event, args) -> event.setReturnValue(settings));   // answers sendSync
 * }</pre>
 */
public interface IpcMainEvent extends IpcEvent {
  /**
   * Sends a message to the frame that sent this one (unlike {@code sender().send}, which reaches the main frame).
   *
   * @param channel the channel
   * @param args the arguments; each must have a codec
   * @throws IpcCloneException if an argument has no codec; nothing is sent
   * @throws IpcDisconnectedException with {@code Object has been destroyed} if the frame is gone
   */
  void reply(String channel, Object... args);

  /**
   * Answers a {@link IpcRenderer#sendSync} message: the first call sends {@code value} at once and unblocks the
   * sender; later calls are ignored.
   *
   * @param value the reply; must have a codec
   * @throws IpcCloneException if the value has no codec; nothing is sent and a later call may still answer
   * @throws IllegalStateException if this message was not sent with {@code sendSync}
   */
  void setReturnValue(Object value);

  /**
   * Whether this message was sent with {@link IpcRenderer#sendSync} and so expects {@link #setReturnValue}.
   *
   * @return true for a synchronous message
   */
  boolean isSync();

  /**
   * Whether {@link #setReturnValue} has already answered this message.
   *
   * @return true once a reply was sent
   */
  boolean hasReturnValue();

  /**
   * The ports sent with an {@link IpcRenderer#postMessage} message, in the order they were listed; empty for
   * {@code send} and {@code sendSync} messages.
   *
   * @return the received ports
   */
  java.util.List<MessagePortMain> ports();
}
