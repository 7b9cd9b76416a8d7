package io.ipc4j.internal;

import io.ipc4j.IpcRegistration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link Emitter} that also answers calls, one handler per channel, as {@code ipcMain.handle} keeps them:
 * {@code IpcMain} for a renderer's {@code invoke}, and a renderer frame's {@code IpcRenderer} for the main
 * process's. Both sides keep the same rules and texts. A {@code once} handler is claimed by exactly one call.
 *
 * @param <L> the listener type
 * @param <H> the handler type
 */
abstract class HandlingEmitter<L, H> extends Emitter<L> {
  /** The registered handlers; a {@code once} handler is removed by the first call that claims it. */
  private final Map<String, Listeners.Entry<H>> handlers = new ConcurrentHashMap<>();

  public IpcRegistration handle(String channel, H handler) {
    return register(channel, handler, false);
  }

  public IpcRegistration handleOnce(String channel, H handler) {
    return register(channel, handler, true);
  }

  /** Registers a handler; throws Electron's error if the channel has one. */
  private IpcRegistration register(String channel, H handler, boolean once) {
    Args.channel(channel);
    Listeners.Entry<H> entry = new Listeners.Entry<>(Args.notNull(handler, "handler"), once);
    if (handlers.putIfAbsent(channel, entry) != null) {
      throw new IllegalStateException("Attempted to register a second handler for '" + channel + "'");
    }
    return () -> handlers.remove(channel, entry);
  }

  public void removeHandler(String channel) {
    handlers.remove(Args.channel(channel));
  }

  /** Drops every handler. */
  void clearHandlers() {
    handlers.clear();
  }

  /** The handler to run for one call, or null; a {@code once} handler is removed before it runs. */
  H take(String channel) {
    Listeners.Entry<H> entry = handlers.get(channel);
    if (entry == null || !entry.claim()) {
      return null;
    }
    if (entry.once) {
      handlers.remove(channel, entry);
    }
    return entry.listener;
  }

  /** The text a call gets when its channel has no handler. */
  static String noHandler(String channel) {
    return "No handler registered for '" + channel + "'";
  }
}
