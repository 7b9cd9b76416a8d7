package io.ipc4j.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The calls of one renderer that wait for a reply, by call id. A call sits in a slot chosen by its id; only a
 * call whose slot is taken (more than {@value #SLOTS} pending at once) goes to a map. There is no shared count:
 * registering a call, finding it for its reply and forgetting it touch only that call's slot, and consecutive
 * ids use slots on different cache lines, so the thread that calls and the thread that delivers the reply do
 * not fight over a line (a {@code ConcurrentHashMap}'s size counter was the hottest spot of an in-process call).
 */
final class PendingCalls {
  static final int SLOTS = 1024;

  private final AtomicReferenceArray<PendingCall> slots = new AtomicReferenceArray<>(SLOTS);
  private final Map<Long, PendingCall> overflow = new ConcurrentHashMap<>();

  /** Spreads consecutive ids 16 slots apart: a permutation of 0..SLOTS-1. */
  static int slot(long id) {
    int i = (int) id & (SLOTS - 1);
    return ((i & 63) << 4) | (i >>> 6);
  }

  void add(PendingCall call) {
    if (!slots.compareAndSet(slot(call.id), null, call)) {
      overflow.put(call.id, call);
    }
  }

  /** The pending call with this id, or null. */
  PendingCall get(long id) {
    PendingCall call = slots.get(slot(id));
    if (call != null && call.id == id) {
      return call;
    }
    return overflow.isEmpty() ? null : overflow.get(id);
  }

  /** Removes this call; true if it was pending. */
  boolean remove(PendingCall call) {
    return slots.compareAndSet(slot(call.id), call, null) || overflow.remove(call.id, call);
  }

  /** Visits every pending call (those added meanwhile may be missed). */
  void forEach(Consumer<PendingCall> action) {
    for (int i = 0; i < SLOTS; i++) {
      PendingCall call = slots.get(i);
      if (call != null) {
        action.accept(call);
      }
    }
    overflow.values().forEach(action);
  }
}
