package io.ipc4j;

import java.util.List;

/**
 * The main process's side of IPC: listeners for {@link IpcRenderer#send}/{@link IpcRenderer#sendSync} and handlers
 * for {@link IpcRenderer#invoke}, as in Electron's {@code ipcMain}.
 *
 * <p>There is one global {@code IpcMain} ({@link IpcHost#ipcMain()}) and one scoped to each renderer
 * ({@link WebContents#ipc()}). A message's listeners run scope first, then global; an invoke is answered by the
 * first of them that has a handler. Every listener and handler runs on the main event loop, in arrival order.
 *
 * <p>Listeners follow Node's EventEmitter: they run in registration order, the same listener may be added twice,
 * and a {@link #once} listener is removed before it runs. Handlers are kept apart from listeners: one per channel,
 * never counted by {@link #listenerCount} or {@link #eventNames}.
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
public interface IpcMain {
  /**
   * Adds a listener for messages on {@code channel}.
   *
   * @param channel the channel
   * @param listener the listener
   * @return a registration whose {@code close()} removes this one listener
   */
  IpcRegistration on(String channel, IpcMainListener listener);

  /**
   * Same as {@link #on}.
   *
   * @param channel the channel
   * @param listener the listener
   * @return a registration whose {@code close()} removes this one listener
   */
  IpcRegistration addListener(String channel, IpcMainListener listener);

  /**
   * Adds a listener that runs for the next message only; it is removed before it runs.
   *
   * @param channel the channel
   * @param listener the listener
   * @return a registration whose {@code close()} removes the listener if it has not run yet
   */
  IpcRegistration once(String channel, IpcMainListener listener);

  /**
   * Removes the most recently added registration of {@code listener} on {@code channel}.
   *
   * @param channel the channel
   * @param listener the listener, compared by identity
   * @return true if a registration was removed
   */
  boolean off(String channel, IpcMainListener listener);

  /**
   * Same as {@link #off}.
   *
   * @param channel the channel
   * @param listener the listener, compared by identity
   * @return true if a registration was removed
   */
  boolean removeListener(String channel, IpcMainListener listener);

  /** Removes every listener of every channel; handlers stay. */
  void removeAllListeners();

  /**
   * Removes every listener of {@code channel}; its handler stays.
   *
   * @param channel the channel
   */
  void removeAllListeners(String channel);

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

  /**
   * The number of listeners on {@code channel} (handlers are not counted).
   *
   * @param channel the channel
   * @return the listener count
   */
  int listenerCount(String channel);

  /**
   * The channels that have listeners, in the order they first got one (handlers are not listed).
   *
   * @return an immutable snapshot of the channel names
   */
  List<String> eventNames();
}
