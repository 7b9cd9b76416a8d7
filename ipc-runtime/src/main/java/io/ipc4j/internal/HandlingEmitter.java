package io.ipc4j.internal;

import io.ipc4j.IpcRegistration;

/**
 * An {@link Emitter} that also answers calls, one handler per channel: {@code IpcMain} for a renderer's
 * {@code invoke}, and a renderer frame's {@code IpcRenderer} for the main process's. Both sides keep the same rules.
 *
 * @param <L> the listener type
 * @param <H> the handler type
 */
abstract class HandlingEmitter<L, H> extends Emitter<L> {
  /** Registered handlers; a {@code once} handler is removed by the first call that claims it. */
  private final Handlers<H> handlers = new Handlers<>();

  public IpcRegistration handle(String channel, H handler) {
    return handlers.register(channel, handler, false);
  }

  public IpcRegistration handleOnce(String channel, H handler) {
    return handlers.register(channel, handler, true);
  }

  public void removeHandler(String channel) {
    handlers.remove(channel);
  }

  /** Drops every handler. */
  void clearHandlers() {
    handlers.clear();
  }

  /** The handler to run for one call, or null; a {@code once} handler is removed before it runs. */
  H take(String channel) {
    return handlers.take(channel);
  }
}
