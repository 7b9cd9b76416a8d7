package io.ipc4j.internal;

import io.ipc4j.IpcRegistration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A listener registry with Node EventEmitter semantics: registration order, duplicates allowed, a {@code once}
 * listener removed before it runs, {@code off} removing the most recent matching registration. Registration may
 * happen on any thread; each channel's listeners are a copy-on-write array, so dispatch reads without copying.
 *
 * @param <L> the listener type
 */
final class Listeners<L> {
  /** One registration (a listener, or an ipcMain handler); {@code once} entries are claimed by exactly one dispatch. */
  static final class Entry<L> {
    final L listener;
    final boolean once;
    private final AtomicBoolean claimed = new AtomicBoolean();

    Entry(L listener, boolean once) {
      this.listener = listener;
      this.once = once;
    }

    /** True for the one caller that may run this entry now (always true for a plain listener). */
    boolean claim() {
      return !once || claimed.compareAndSet(false, true);
    }
  }

  private static final Entry<?>[] NONE = new Entry<?>[0];

  private final Map<String, Entry<L>[]> byChannel = new LinkedHashMap<>();

  synchronized IpcRegistration add(String channel, L listener, boolean once) {
    Entry<L> entry = new Entry<>(listener, once);
    Entry<L>[] current = byChannel.get(channel);
    Entry<L>[] next;
    if (current == null) {
      next = newArray(1);
    } else {
      next = Arrays.copyOf(current, current.length + 1);
    }
    next[next.length - 1] = entry;
    byChannel.put(channel, next);
    return () -> cancel(channel, entry);
  }

  synchronized boolean removeLast(String channel, L listener) {
    Entry<L>[] current = byChannel.get(channel);
    if (current == null) {
      return false;
    }
    for (int i = current.length - 1; i >= 0; i--) {
      if (current[i].listener == listener) {
        return cancel(channel, current[i]);
      }
    }
    return false;
  }

  /** Removes an entry so that it never runs (a {@code once} entry already taken by a dispatch stays taken). */
  synchronized boolean cancel(String channel, Entry<L> entry) {
    return entry.claim() && remove(channel, entry);
  }

  synchronized boolean remove(String channel, Entry<L> entry) {
    Entry<L>[] current = byChannel.get(channel);
    if (current == null) {
      return false;
    }
    for (int i = 0; i < current.length; i++) {
      if (current[i] == entry) {
        if (current.length == 1) {
          byChannel.remove(channel);
        } else {
          Entry<L>[] next = newArray(current.length - 1);
          System.arraycopy(current, 0, next, 0, i);
          System.arraycopy(current, i + 1, next, i, current.length - i - 1);
          byChannel.put(channel, next);
        }
        return true;
      }
    }
    return false;
  }

  synchronized void clear() {
    byChannel.clear();
  }

  synchronized void clear(String channel) {
    byChannel.remove(channel);
  }

  @SuppressWarnings("unchecked")
  synchronized Entry<L>[] snapshot(String channel) {
    Entry<L>[] current = byChannel.get(channel);
    return current == null ? (Entry<L>[]) NONE : current;
  }

  synchronized int count(String channel) {
    Entry<L>[] current = byChannel.get(channel);
    return current == null ? 0 : current.length;
  }

  synchronized List<String> names() {
    return List.copyOf(new ArrayList<>(byChannel.keySet()));
  }

  /**
   * Takes the entry for a run: a {@code once} entry is removed first and only its first taker may run it.
   *
   * @return true if the caller should run the listener
   */
  boolean take(String channel, Entry<L> entry) {
    if (!entry.once) {
      return true;
    }
    if (!entry.claim()) {
      return false;
    }
    remove(channel, entry);
    return true;
  }

  @SuppressWarnings("unchecked")
  private Entry<L>[] newArray(int n) {
    return (Entry<L>[]) new Entry<?>[n];
  }
}
