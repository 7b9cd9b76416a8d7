package io.ipc4j.internal;

import io.ipc4j.IpcRegistration;
import java.util.List;

/**
 * The listener half of {@code IpcMain} and {@code IpcRenderer}, shared: Node EventEmitter methods over a
 * {@link Listeners} registry.
 *
 * @param <L> the listener type
 */
abstract class Emitter<L> implements io.ipc4j.IpcEmitter<L> {
  final Listeners<L> listeners = new Listeners<>();

  public IpcRegistration on(String channel, L listener) {
    return listeners.add(Args.channel(channel), Args.notNull(listener, "listener"), false);
  }

  public IpcRegistration addListener(String channel, L listener) {
    return on(channel, listener);
  }

  public IpcRegistration once(String channel, L listener) {
    return listeners.add(Args.channel(channel), Args.notNull(listener, "listener"), true);
  }

  public boolean off(String channel, L listener) {
    return listeners.removeLast(Args.channel(channel), Args.notNull(listener, "listener"));
  }

  public boolean removeListener(String channel, L listener) {
    return off(channel, listener);
  }

  public void removeAllListeners() {
    listeners.clear();
  }

  public void removeAllListeners(String channel) {
    listeners.clear(Args.channel(channel));
  }

  public int listenerCount(String channel) {
    return listeners.count(Args.channel(channel));
  }

  public List<String> eventNames() {
    return listeners.names();
  }
}
