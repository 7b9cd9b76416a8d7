package io.ipc4j.internal;

import io.ipc4j.IpcMain;
import io.ipc4j.IpcMainHandler;
import io.ipc4j.IpcMainListener;
import io.ipc4j.internal.codec.CodecOwner;
import io.ipc4j.internal.codec.CodecRegistry;

/** An {@link IpcMain}: a listener registry plus a handler map, as Electron's {@code IpcMainImpl}. */
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
}
