package io.ipc4j.internal;

import io.ipc4j.IpcMain;
import io.ipc4j.IpcMainHandler;
import io.ipc4j.IpcMainListener;
import io.ipc4j.internal.codec.CodecOwner;
import io.ipc4j.internal.codec.CodecRegistry;

/**
 * An {@link IpcMain}: a listener registry plus a handler map, as Electron's {@code IpcMainImpl}; one scope of the
 * main process (the global one, a renderer's {@code webContents.ipc}, or a frame's {@code webFrameMain.ipc}).
 */
final class IpcMainImpl extends Emitter<IpcMainListener, IpcMainHandler> implements IpcMain, CodecOwner {
  /** The host's codecs, for the global IpcMain and every renderer's scope alike. */
  private final CodecRegistry codecs;

  IpcMainImpl(CodecRegistry codecs) {
    this.codecs = codecs;
  }

  @Override
  public CodecRegistry codecRegistry() {
    return codecs;
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

  /**
   * Runs this scope's listeners for the event's channel, each with the shared event, as an EventEmitter's emit does
   * (its list taken now).
   *
   * @return the first failure of a listener (each is logged), or null
   */
  Throwable runListeners(MainEvent event, Object[] args) {
    Throwable first = null;
    for (Emitter.Entry<IpcMainListener> entry : listenersOf(event.channel())) {
      if (!takeListener(event.channel(), entry)) {
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
