package io.ipc4j.internal;

import io.ipc4j.IpcMain;
import io.ipc4j.IpcMainHandler;
import io.ipc4j.IpcMainListener;
import io.ipc4j.IpcRegistration;
import io.ipc4j.internal.codec.CodecOwner;
import io.ipc4j.internal.codec.CodecRegistry;

/** An {@link IpcMain}: a listener registry plus a handler map, as Electron's {@code IpcMainImpl}. */
final class IpcMainImpl extends Emitter<IpcMainListener> implements IpcMain, CodecOwner {
  /** Registered handlers; a {@code once} handler is removed by the first dispatch that claims it. */
  private final Handlers<IpcMainHandler> handlers = new Handlers<>();
  /** The host's codecs, for the global IpcMain and every renderer's scope alike. */
  private final CodecRegistry codecs;

  IpcMainImpl(CodecRegistry codecs) {
    this.codecs = codecs;
  }

  @Override
  public CodecRegistry codecRegistry() {
    return codecs;
  }

  @Override
  public IpcRegistration handle(String channel, IpcMainHandler handler) {
    return handlers.register(channel, handler, false);
  }

  @Override
  public IpcRegistration handleOnce(String channel, IpcMainHandler handler) {
    return handlers.register(channel, handler, true);
  }

  @Override
  public void removeHandler(String channel) {
    handlers.remove(channel);
  }

  /** The handler to run for one call, or null; a {@code once} handler is removed before it runs. */
  IpcMainHandler take(String channel) {
    return handlers.take(channel);
  }
}
