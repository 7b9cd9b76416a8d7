package io.ipc4j.example;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The main process's audit log, and live views of it: {@link #follow()} replays the entries so far, then follows
 * new ones. A follower gets entries only as it requests them; what it has not taken yet stays in the log, so a slow
 * follower costs a position, never a buffer.
 */
final class AuditLog {
  private final List<AuditEntry> entries = new CopyOnWriteArrayList<>(); // the main loop and the disk thread add
  private final Set<Follower> followers = ConcurrentHashMap.newKeySet();

  /** Appends {@code entry} and hands it to every follower that has asked for more. */
  void add(AuditEntry entry) {
    entries.add(Objects.requireNonNull(entry, "entry"));
    followers.forEach(Follower::drain);
  }

  /** The entries so far, oldest first. */
  List<AuditEntry> entries() {
    return List.copyOf(entries);
  }

  /**
   * Whether every follower has been handed every entry so far. A follower is handed an entry only once it asked for
   * one, so this waits on its subscriber, never on the log.
   */
  boolean handedOut() {
    int size = entries.size();
    for (Follower follower : followers) {
      if (follower.next < size) {
        return false;
      }
    }
    return true;
  }

  /** How many subscribers follow the log now (a cancelled one no longer counts). */
  int followers() {
    return followers.size();
  }

  /** A publisher whose every subscriber gets the whole log from its start, then each new entry. */
  Flow.Publisher<AuditEntry> follow() {
    return subscriber -> {
      Objects.requireNonNull(subscriber, "subscriber");
      Follower follower = new Follower(subscriber);
      followers.add(follower);
      subscriber.onSubscribe(follower);
    };
  }

  /** One subscriber's place in the log and what it asked for. */
  private final class Follower implements Flow.Subscription {
    private final Flow.Subscriber<? super AuditEntry> subscriber;
    private final AtomicLong demand = new AtomicLong();
    /** Drains asked for and not yet done: one thread drains at a time, and one that finds it busy leaves a mark. */
    private final AtomicInteger drains = new AtomicInteger();
    /** The next entry to hand out: written by the draining thread only (one at a time), read by handedOut() too. */
    private volatile int next;
    private volatile boolean cancelled;
    /** Why a request was refused (reactive-streams rule 3.9: n must be positive), or null. */
    private volatile String badRequest;

    Follower(Flow.Subscriber<? super AuditEntry> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        badRequest = "request(n) needs n > 0, not " + n;
      } else {
        demand.accumulateAndGet(n, (had, more) -> had + more < 0 ? Long.MAX_VALUE : had + more);
      }
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
      followers.remove(this);
    }

    void drain() {
      if (drains.getAndIncrement() != 0) {
        return; // the thread draining now sees the mark and goes round again
      }
      int missed = 1;
      do {
        if (cancelled) {
          return;
        }
        if (badRequest != null) {
          cancel();
          subscriber.onError(new IllegalArgumentException(badRequest));
          return;
        }
        while (!cancelled && next < entries.size() && demand.get() > 0) {
          AuditEntry entry = entries.get(next);
          demand.getAndUpdate(d -> d == Long.MAX_VALUE ? d : d - 1);
          subscriber.onNext(entry);
          next++; // after onNext, so that handedOut() is true only once the entry is on its way
        }
        missed = drains.addAndGet(-missed);
      } while (missed != 0);
    }
  }
}
