package io.ipc4j.internal;

import io.ipc4j.IpcMainHandler;
import io.ipc4j.IpcMainListener;

/**
 * The registries a renderer's message goes to, in Electron's order (the frame's {@code webFrameMain.ipc} when anyone
 * made it, then its renderer's {@code webContents.ipc}, then the global {@code ipcMain}): a send runs the listeners of
 * each, an invoke or a stream the first handler found.
 */
final class Scopes {
  private final IpcMainImpl ipcMain;

  /** @param ipcMain the global registry, consulted after each renderer's own */
  Scopes(IpcMainImpl ipcMain) {
    this.ipcMain = ipcMain;
  }

  /**
   * The registries a message from {@code frame} goes to, in Electron's order: the frame's own scope (when anyone
   * made it), its renderer's, then the global one.
   */
  IpcMainImpl[] of(WebContentsImpl from, WebFrameMainImpl frame) {
    // Made once per renderer and per scoped frame, on the main loop (the only thread that dispatches), so that a
    // message allocates no list of scopes.
    IpcMainImpl own = frame.scope();
    if (own == null) {
      if (from.scopeOrder == null) {
        from.scopeOrder = new IpcMainImpl[] {from.ipc, ipcMain};
      }
      return from.scopeOrder;
    }
    if (frame.scopeOrder == null) {
      frame.scopeOrder = new IpcMainImpl[] {own, from.ipc, ipcMain};
    }
    return frame.scopeOrder;
  }

  /** Whether any of {@code scopes} has a listener for {@code channel}. */
  static boolean anyListener(IpcMainImpl[] scopes, String channel) {
    for (IpcMainImpl scope : scopes) {
      if (scope.listenersOf(channel).length > 0) {
        return true;
      }
    }
    return false;
  }

  /** The first handler for {@code channel} in the scopes of {@code frame}, taken for one call; null if none. */
  IpcMainHandler handlerFor(WebContentsImpl from, WebFrameMainImpl frame, String channel) {
    for (IpcMainImpl scope : of(from, frame)) {
      IpcMainHandler handler = scope.takeHandler(channel);
      if (handler != null) {
        return handler;
      }
    }
    return null;
  }

  /** Runs one scope's listeners, each with the shared event, as an EventEmitter's emit does (its list taken now). */
  static Throwable runListeners(IpcMainImpl scope, MainEvent event, Object[] args) {
    Throwable first = null;
    for (Emitter.Entry<IpcMainListener> entry : scope.listenersOf(event.channel())) {
      if (!scope.takeListener(event.channel(), entry)) {
        continue;
      }
      try {
        entry.listener.onMessage(event, args);
      } catch (Throwable t) {
        Failures.log(System.Logger.Level.WARNING, "Error occurred in listener for '" + event.channel() + "'", t);
        if (first == null) {
          first = t;
        }
      }
    }
    return first;
  }
}
