package io.ipc4j.internal;

import io.ipc4j.IpcRegistration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The registries behind {@code IpcMain} and a renderer frame's {@code IpcRenderer}, which keep the same rules and
 * texts: listeners with Node EventEmitter semantics (registration order, duplicates allowed, a {@code once} listener
 * removed before it runs, {@code off} removing the most recent matching registration), and one handler per channel
 * as {@code ipcMain.handle} keeps them (a {@code once} handler is claimed by exactly one call). Registration may
 * happen on any thread; each channel's listeners are a copy-on-write array, so dispatch reads without copying.
 *
 * @param <L> the listener type
 * @param <H> the handler type
 */
abstract class Emitter<L, H> implements io.ipc4j.IpcEmitter<L> {
  /** One registration (a listener or a handler); {@code once} entries are claimed by exactly one dispatch. */
  static final class Entry<T> {
    final T listener;
    final boolean once;
    private final AtomicBoolean claimed = new AtomicBoolean();

    Entry(T listener, boolean once) {
      this.listener = listener;
      this.once = once;
    }

    /** True for the one caller that may run this entry now (always true for a plain listener). */
    boolean claim() {
      return !once || claimed.compareAndSet(false, true);
    }
  }

  private static final Entry<?>[] NONE = new Entry<?>[0];

  /** Guards {@link #listeners}: a lock of its own, because users hold this object as their emitter. */
  private final Object lock = new Object();
  private final Map<String, Entry<L>[]> listeners = new LinkedHashMap<>();
  /** The registered handlers; a {@code once} handler is removed by the first call that claims it. */
  private final Map<String, Entry<H>> handlers = new ConcurrentHashMap<>();

  public IpcRegistration on(String channel, L listener) {
    return add(Args.channel(channel), Args.notNull(listener, "listener"), false);
  }

  public IpcRegistration addListener(String channel, L listener) {
    return on(channel, listener);
  }

  public IpcRegistration once(String channel, L listener) {
    return add(Args.channel(channel), Args.notNull(listener, "listener"), true);
  }

  public boolean off(String channel, L listener) {
    Args.channel(channel);
    Args.notNull(listener, "listener");
    synchronized (lock) {
      Entry<L>[] current = listeners.get(channel);
      for (int i = current == null ? -1 : current.length - 1; i >= 0; i--) {
        if (current[i].listener == listener) {
          return cancel(channel, current[i]);
        }
      }
      return false;
    }
  }

  public boolean removeListener(String channel, L listener) {
    return off(channel, listener);
  }

  public void removeAllListeners() {
    synchronized (lock) {
      listeners.clear();
    }
  }

  public void removeAllListeners(String channel) {
    Args.channel(channel);
    synchronized (lock) {
      listeners.remove(channel);
    }
  }

  public int listenerCount(String channel) {
    return listenersOf(Args.channel(channel)).length;
  }

  public List<String> eventNames() {
    synchronized (lock) {
      return List.copyOf(listeners.keySet());
    }
  }

  public IpcRegistration handle(String channel, H handler) {
    return register(channel, handler, false);
  }

  public IpcRegistration handleOnce(String channel, H handler) {
    return register(channel, handler, true);
  }

  public void removeHandler(String channel) {
    handlers.remove(Args.channel(channel));
  }

  /** Drops every listener and handler. */
  void clear() {
    removeAllListeners();
    handlers.clear();
  }

  /** The listeners of {@code channel} as they are now, for one dispatch (never changed afterwards). */
  @SuppressWarnings("unchecked")
  Entry<L>[] listenersOf(String channel) {
    synchronized (lock) {
      Entry<L>[] current = listeners.get(channel);
      return current == null ? (Entry<L>[]) NONE : current;
    }
  }

  /**
   * Takes a listener's entry for a run: a {@code once} entry is removed first and only its first taker may run it.
   *
   * @return true if the caller should run the listener
   */
  boolean takeListener(String channel, Entry<L> entry) {
    if (!entry.once) {
      return true;
    }
    if (!entry.claim()) {
      return false;
    }
    remove(channel, entry);
    return true;
  }

  /** The handler to run for one call, or null; a {@code once} handler is removed before it runs. */
  H takeHandler(String channel) {
    Entry<H> entry = handlers.get(channel);
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

  private IpcRegistration add(String channel, L listener, boolean once) {
    Entry<L> entry = new Entry<>(listener, once);
    synchronized (lock) {
      Entry<L>[] current = listeners.get(channel);
      Entry<L>[] next = current == null ? newArray(1) : Arrays.copyOf(current, current.length + 1);
      next[next.length - 1] = entry;
      listeners.put(channel, next);
    }
    return () -> cancel(channel, entry);
  }

  /** Removes an entry so that it never runs (a {@code once} entry already taken by a dispatch stays taken). */
  private boolean cancel(String channel, Entry<L> entry) {
    return entry.claim() && remove(channel, entry);
  }

  private boolean remove(String channel, Entry<L> entry) {
    synchronized (lock) {
      Entry<L>[] current = listeners.get(channel);
      int i = current == null ? -1 : Arrays.asList(current).indexOf(entry);
      if (i < 0) {
        return false;
      }
      if (current.length == 1) {
        listeners.remove(channel);
      } else {
        Entry<L>[] next = newArray(current.length - 1);
        System.arraycopy(current, 0, next, 0, i);
        System.arraycopy(current, i + 1, next, i, current.length - i - 1);
        listeners.put(channel, next);
      }
      return true;
    }
  }

  /** Registers a handler; throws Electron's error if the channel has one. */
  private IpcRegistration register(String channel, H handler, boolean once) {
    Args.channel(channel);
    Entry<H> entry = new Entry<>(Args.notNull(handler, "handler"), once);
    if (handlers.putIfAbsent(channel, entry) != null) {
      throw new IllegalStateException("Attempted to register a second handler for '" + channel + "'");
    }
    return () -> handlers.remove(channel, entry);
  }

  @SuppressWarnings("unchecked")
  private Entry<L>[] newArray(int n) {
    return (Entry<L>[]) new Entry<?>[n];
  }
}
