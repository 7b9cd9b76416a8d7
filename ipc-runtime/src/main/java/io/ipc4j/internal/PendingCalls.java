package io.ipc4j.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Calls that wait for a reply, by call id: a renderer's own ({@link PendingCall}s) and the main process's calls to
 * one renderer ({@link RendererCalls}). A call sits in a slot chosen by its id; only a call whose slot is taken
 * (more than {@value #SLOTS} pending at once) goes to a map. There is no shared count: registering a call, finding
 * it for its reply and forgetting it touch only that call's slot, and consecutive ids use slots on different cache
 * lines, so the thread that calls and the thread that delivers the reply do not fight over a line (a
 * {@code ConcurrentHashMap}'s size counter was the hottest spot of an in-process call; its boxed keys and nodes
 * were a main-to-renderer call's).
 */
final class PendingCalls<C extends PendingCalls.Call> {
  static final int SLOTS = 1024;

  /** A call the table holds: its id never changes. */
  interface Call {
    /** The call's id, unique among the calls of its table. */
    long callId();
  }

  private final AtomicReferenceArray<C> slots = new AtomicReferenceArray<>(SLOTS);
  private final Map<Long, C> overflow = new ConcurrentHashMap<>();

  /** Spreads consecutive ids 16 slots apart: a permutation of 0..SLOTS-1. */
  static int slot(long id) {
    int i = (int) id & (SLOTS - 1);
    return ((i & 63) << 4) | (i >>> 6);
  }

  void add(C call) {
    long id = call.callId();
    if (!slots.compareAndSet(slot(id), null, call)) {
      overflow.put(id, call);
    }
  }

  /** The pending call with this id, or null. */
  C get(long id) {
    C call = slots.get(slot(id));
    if (call != null && call.callId() == id) {
      return call;
    }
    return overflow.isEmpty() ? null : overflow.get(id);
  }

  /** Removes this call; true if it was pending. */
  boolean remove(C call) {
    long id = call.callId();
    return slots.compareAndSet(slot(id), call, null) || overflow.remove(id, call);
  }

  /** Visits every pending call (those added meanwhile may be missed). */
  void forEach(Consumer<? super C> action) {
    for (int i = 0; i < SLOTS; i++) {
      C call = slots.get(i);
      if (call != null) {
        action.accept(call);
      }
    }
    overflow.values().forEach(action);
  }
}
