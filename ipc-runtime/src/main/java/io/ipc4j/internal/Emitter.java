package io.ipc4j.internal;

import io.ipc4j.IpcRegistration;
import java.util.List;

/**
 * The listener half of {@code IpcMain} and {@code IpcRenderer}, shared: Node EventEmitter methods over a
 * {@link Listeners} registry.
 *
 * @param <L> the listener type
 */
abstract class Emitter<L> {
  final Listeners<L> listeners = new Listeners<>();

  public IpcRegistration on(String channel, L listener) {
    return listeners.add(Channels.check(channel), Channels.listener(listener, "listener"), false);
  }

  public IpcRegistration addListener(String channel, L listener) {
    return on(channel, listener);
  }

  public IpcRegistration once(String channel, L listener) {
    return listeners.add(Channels.check(channel), Channels.listener(listener, "listener"), true);
  }

  public boolean off(String channel, L listener) {
    return listeners.removeLast(Channels.check(channel), Channels.listener(listener, "listener"));
  }

  public boolean removeListener(String channel, L listener) {
    return off(channel, listener);
  }

  public void removeAllListeners() {
    listeners.clear();
  }

  public void removeAllListeners(String channel) {
    listeners.clear(Channels.check(channel));
  }

  public int listenerCount(String channel) {
    return listeners.count(Channels.check(channel));
  }

  public List<String> eventNames() {
    return listeners.names();
  }
}
