package io.ipc4j;

import java.util.List;

/**
 * The listener half of {@link IpcMain} and {@link IpcRenderer}, which in Electron are both Node EventEmitters:
 * listeners run in registration order, the same listener may be added twice, and a {@link #once} listener is
 * removed before it runs. A channel is any non-null string; a null channel is an {@link IllegalArgumentException},
 * a null listener a {@link NullPointerException}.
 *
 * @param <L> the listener type: {@link IpcMainListener} or {@link IpcRendererListener}
 */
public interface IpcEmitter<L> {
  /**
   * Adds a listener for messages on {@code channel}.
   *
   * @param channel the channel
   * @param listener the listener
   * @return a registration whose {@code close()} removes this one listener
   */
  IpcRegistration on(String channel, L listener);

  /**
   * Same as {@link #on}.
   *
   * @param channel the channel
   * @param listener the listener
   * @return a registration whose {@code close()} removes this one listener
   */
  IpcRegistration addListener(String channel, L listener);

  /**
   * Adds a listener that runs for the next message only; it is removed before it runs.
   *
   * @param channel the channel
   * @param listener the listener
   * @return a registration whose {@code close()} removes the listener if it has not run yet
   */
  IpcRegistration once(String channel, L listener);

  /**
   * Removes the most recently added registration of {@code listener} on {@code channel}.
   *
   * @param channel the channel
   * @param listener the listener, compared by identity
   * @return true if a registration was removed
   */
  boolean off(String channel, L listener);

  /**
   * Same as {@link #off}.
   *
   * @param channel the channel
   * @param listener the listener, compared by identity
   * @return true if a registration was removed
   */
  boolean removeListener(String channel, L listener);

  /** Removes every listener of every channel (an {@code IpcMain}'s handlers stay). */
  void removeAllListeners();

  /**
   * Removes every listener of {@code channel} (an {@code IpcMain}'s handler stays).
   *
   * @param channel the channel
   */
  void removeAllListeners(String channel);

  /**
   * The number of listeners on {@code channel} (an {@code IpcMain}'s handlers are not counted).
   *
   * @param channel the channel
   * @return the listener count
   */
  int listenerCount(String channel);

  /**
   * The channels that have listeners, in the order they first got one (an {@code IpcMain}'s handlers are not
   * listed).
   *
   * @return an immutable snapshot of the channel names
   */
  List<String> eventNames();
}
