package io.ipc4j.internal;

import io.ipc4j.IpcRegistration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One handler per channel, as {@code ipcMain.handle} keeps them: the registry of an {@code IpcMain} and of a
 * renderer frame's {@code IpcRenderer} alike, with the same rules and texts. A {@code once} handler is claimed by
 * exactly one call.
 *
 * @param <H> the handler type
 */
final class Handlers<H> {
  private final Map<String, Listeners.Entry<H>> byChannel = new ConcurrentHashMap<>();

  /** Registers a handler; throws Electron's error if the channel has one. */
  IpcRegistration register(String channel, H handler, boolean once) {
    Args.channel(channel);
    Listeners.Entry<H> entry = new Listeners.Entry<>(Args.notNull(handler, "handler"), once);
    if (byChannel.putIfAbsent(channel, entry) != null) {
      throw new IllegalStateException("Attempted to register a second handler for '" + channel + "'");
    }
    return () -> byChannel.remove(channel, entry);
  }

  void remove(String channel) {
    byChannel.remove(Args.channel(channel));
  }

  void clear() {
    byChannel.clear();
  }

  /** The handler to run for one call, or null; a {@code once} handler is removed before it runs. */
  H take(String channel) {
    Listeners.Entry<H> entry = byChannel.get(channel);
    if (entry == null || !entry.claim()) {
      return null;
    }
    if (entry.once) {
      byChannel.remove(channel, entry);
    }
    return entry.listener;
  }

  /** The text a call gets when its channel has no handler. */
  static String noHandler(String channel) {
    return "No handler registered for '" + channel + "'";
  }
}
