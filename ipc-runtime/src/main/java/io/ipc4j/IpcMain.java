package io.ipc4j;

/**
 * The main process's side of IPC: listeners for {@link IpcRenderer#send}/{@link IpcRenderer#sendSync} and handlers
 * for {@link IpcRenderer#invoke}, as in Electron's {@code ipcMain}.
 *
 * <p>There is one global {@code IpcMain} ({@link IpcHost#ipcMain()}) and one scoped to each renderer
 * ({@link WebContents#ipc()}). A message's listeners run scope first, then global; an invoke is answered by the
 * first of them that has a handler. Every listener and handler runs on the main event loop, in arrival order.
 *
 * <p>Listeners follow Node's EventEmitter ({@link IpcEmitter}). Handlers are kept apart from listeners: one per
 * channel, never counted by {@link #listenerCount} or {@link #eventNames}.
 *
 * <pre>{@code
 * IpcMain ipcMain = host.ipcMain();
 * ipcMain.handle("notes:get", (event, args) -> store.get((Integer) args[0]));
 * ipcMain.on("notes:log", (event, args) -> log.info(String.valueOf(args[0])));
 * }</pre>
 *
 * <p>A channel is any non-null string. Methods throw {@link IllegalArgumentException} for a null channel and
 * {@link NullPointerException} for a null listener or handler.
 */
public interface IpcMain extends IpcEmitter<IpcMainListener> {
  /**
   * Makes {@code handler} answer {@link IpcRenderer#invoke} calls on {@code channel}.
   *
   * @param channel the channel
   * @param handler the handler
   * @return a registration whose {@code close()} removes this handler (and not a later one)
   * @throws IllegalStateException {@code Attempted to register a second handler for '<channel>'} if the channel
   *     already has a handler in this scope
   */
  IpcRegistration handle(String channel, IpcMainHandler handler);

  /**
   * Like {@link #handle}, for one call: the handler is removed before it runs, even if it then throws.
   *
   * @param channel the channel
   * @param handler the handler
   * @return a registration whose {@code close()} removes the handler if it has not run yet
   * @throws IllegalStateException if the channel already has a handler in this scope
   */
  IpcRegistration handleOnce(String channel, IpcMainHandler handler);

  /**
   * Removes the handler of {@code channel}; does nothing if there is none.
   *
   * @param channel the channel
   */
  void removeHandler(String channel);
}
