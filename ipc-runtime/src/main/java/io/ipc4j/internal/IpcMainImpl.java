package io.ipc4j.internal;

import io.ipc4j.IpcMain;
import io.ipc4j.IpcMainHandler;
import io.ipc4j.IpcMainListener;
import io.ipc4j.IpcRegistration;
import io.ipc4j.internal.codec.CodecOwner;
import io.ipc4j.internal.codec.CodecRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link IpcMain}: a listener registry plus a handler map, as Electron's {@code IpcMainImpl}. */
final class IpcMainImpl extends Emitter<IpcMainListener> implements IpcMain, CodecOwner {
  /** Registered handlers; a {@code once} handler is removed by the first dispatch that claims it. */
  private final Map<String, Listeners.Entry<IpcMainHandler>> handlers = new ConcurrentHashMap<>();
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
    return register(channel, handler, false);
  }

  @Override
  public IpcRegistration handleOnce(String channel, IpcMainHandler handler) {
    return register(channel, handler, true);
  }

  private IpcRegistration register(String channel, IpcMainHandler handler, boolean once) {
    Args.channel(channel);
    Listeners.Entry<IpcMainHandler> entry = new Listeners.Entry<>(Args.notNull(handler, "handler"), once);
    if (handlers.putIfAbsent(channel, entry) != null) {
      throw new IllegalStateException("Attempted to register a second handler for '" + channel + "'");
    }
    return () -> handlers.remove(channel, entry);
  }

  @Override
  public void removeHandler(String channel) {
    handlers.remove(Args.channel(channel));
  }

  /** The handler to run for one call, or null; a {@code once} handler is removed before it runs. */
  IpcMainHandler take(String channel) {
    Listeners.Entry<IpcMainHandler> entry = handlers.get(channel);
    if (entry == null || !entry.claim()) {
      return null;
    }
    if (entry.once) {
      handlers.remove(channel, entry);
    }
    return entry.listener;
  }

  /** Drops every listener and handler (a frame scope whose renderer is gone). */
  void clear() {
    listeners.clear();
    handlers.clear();
  }

}
