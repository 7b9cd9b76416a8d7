package io.ipc4j.internal;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One renderer's observed sendSyncs not answered yet, by call id: they end as cancelled when their callers cancel
 * ({@link #cancel}) and as disconnected when it goes ({@link #endAll}). Held weakly: a sendSync whose event no
 * listener kept can never be answered, and a renderer that sends such sendSyncs without end must not grow the host's
 * memory without end; one a listener holds stays while it does. Each step takes constant time, so that a peer's
 * cancels cost the main loop no more however many sendSyncs the listeners keep.
 */
final class UnansweredSyncs {
  private final Map<Long, Held> syncs = new HashMap<>();
  private final ReferenceQueue<Interception> collected = new ReferenceQueue<>();

  /** A sendSync while its event is reachable; queued for {@link #purge} once it is not. */
  private static final class Held extends WeakReference<Interception> {
    final long callId;

    Held(Interception sync, long callId, ReferenceQueue<Interception> queue) {
      super(sync, queue);
      this.callId = callId;
    }
  }

  /**
   * Keeps {@code sync}. A peer uses the id of a sendSync again only once it stopped waiting for it (docs/protocol.md),
   * so one still kept under that id ends now, as cancelled.
   */
  void add(Interception sync) {
    long callId = sync.syncCallId();
    Held replaced;
    synchronized (this) {
      purge();
      replaced = syncs.put(callId, new Held(sync, callId, collected));
    }
    Interception earlier = replaced == null ? null : replaced.get();
    if (earlier != null) {
      earlier.callerStopped(true);
    }
  }

  /** {@code sync} was answered, or ended otherwise: it is no longer kept (another under its id stays). */
  synchronized void remove(Interception sync) {
    Held held = syncs.get(sync.syncCallId());
    if (held != null && held.get() == sync) {
      syncs.remove(held.callId);
    }
  }

  /** How many are kept, once those whose events the collector has cleared are taken out. */
  synchronized int count() {
    purge();
    return syncs.size();
  }

  /** The caller of the sendSync {@code callId} stopped waiting (a Java renderer sends a cancel at its deadline). */
  void cancel(long callId) {
    Held held;
    synchronized (this) {
      held = syncs.remove(callId);
    }
    Interception sync = held == null ? null : held.get();
    if (sync != null) {
      sync.callerStopped(true);
    }
  }

  /** Their renderer went: each ends as disconnected, outside the lock. */
  void endAll() {
    List<Held> left;
    synchronized (this) {
      left = new ArrayList<>(syncs.values());
      syncs.clear();
    }
    for (Held held : left) {
      Interception sync = held.get();
      if (sync != null) {
        sync.callerStopped(false);
      }
    }
  }

  /** Takes out the sendSyncs whose events the collector cleared; under the lock. */
  private void purge() {
    for (Reference<? extends Interception> gone = collected.poll(); gone != null; gone = collected.poll()) {
      Held held = (Held) gone;
      syncs.remove(held.callId, held);
    }
  }
}
