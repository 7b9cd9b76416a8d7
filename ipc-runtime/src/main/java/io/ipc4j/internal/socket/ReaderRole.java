package io.ipc4j.internal.socket;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;

/**
 * Who may read a renderer's socket now: at most one thread at a time (the frame reader's state is not shared). The
 * threads that want the role queue for it in order, and the holder hands it to the oldest when it is done; with
 * nobody queued, the role is free. Callers blocked on a reply take it so that they read their reply themselves, and
 * the connection's background reader takes it when nobody waits (see {@link SharedReader}).
 *
 * <p>A thread either holds the role, is queued for it, or has nothing to do with it; {@link #leave} takes it back to
 * the last (handing the role on if it had been handed to it meanwhile), so a role handed to a thread that stopped
 * waiting is never lost.
 */
final class ReaderRole {
  /** The thread that may read, or null when the role is free. */
  private volatile Thread holder;
  /** The threads waiting for the role, oldest first; under this object's monitor. */
  private final ArrayDeque<Thread> queue = new ArrayDeque<>();

  /**
   * Takes the role if it is free or was handed to {@code me}, else queues {@code me} for it (once).
   *
   * @return whether {@code me} holds the role now
   */
  synchronized boolean takeOrQueue(Thread me) {
    if (holder == null) {
      holder = me;
      return true;
    }
    if (holder == me) {
      return true;
    }
    if (!queue.contains(me)) {
      queue.addLast(me);
    }
    return false;
  }

  /** Whether {@code me} holds the role (it may have been handed to it while it was parked). */
  boolean holds(Thread me) {
    return holder == me;
  }

  /** Whether nobody holds the role. */
  boolean isFree() {
    return holder == null;
  }

  /**
   * Gives the role up: to the oldest queued thread, which is woken, or, with nobody queued, it becomes free. Only
   * the holder calls this.
   */
  void pass(Thread me) {
    Thread next;
    synchronized (this) {
      if (holder != me) {
        return;
      }
      next = queue.pollFirst();
      holder = next;
    }
    if (next != null) {
      LockSupport.unpark(next);
    }
  }

  /**
   * {@code me} stops waiting for the role: it leaves the queue, and passes the role on if it holds it (it may have
   * been handed to it as it stopped).
   */
  void leave(Thread me) {
    synchronized (this) {
      if (holder != me) {
        queue.remove(me);
        return;
      }
    }
    pass(me);
  }

  /** Wakes every queued thread (the connection closed: none of them will read again). */
  void wakeAll() {
    Thread[] waiting;
    synchronized (this) {
      waiting = queue.toArray(new Thread[0]);
    }
    for (Thread t : waiting) {
      LockSupport.unpark(t);
    }
  }

  @Override
  public synchronized String toString() {
    return "ReaderRole[holder=" + holder + ", queued=" + queue.size() + "]";
  }
}
