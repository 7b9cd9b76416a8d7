package io.ipc4j.bench;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stream rows' producer: a publisher of {@code count} copies of one item, emitted only as they are requested, on
 * the thread that requests them (a plain synchronous source, so that the rows time ipc4j's stream path and not a
 * publisher's thread hops).
 */
final class ItemsPublisher implements Flow.Publisher<Object> {
  private final Object item;
  private final long count;

  ItemsPublisher(Object item, long count) {
    this.item = item;
    this.count = count;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super Object> subscriber) {
    subscriber.onSubscribe(new Emission(subscriber, item, count));
  }

  /** One subscriber's items. Requests may come from any thread, even at once; one drain at a time emits. */
  private static final class Emission implements Flow.Subscription {
    private final Flow.Subscriber<? super Object> subscriber;
    private final Object item;
    private final AtomicLong demand = new AtomicLong();
    /** Requests not yet drained; whoever raises it from 0 drains for all (rule 1.3: signals in series). */
    private final AtomicInteger pending = new AtomicInteger();
    /** Items still to emit; read and written by the draining thread only. */
    private long left;
    private volatile boolean stopped;
    private volatile IllegalArgumentException badRequest;

    Emission(Flow.Subscriber<? super Object> subscriber, Object item, long count) {
      this.subscriber = subscriber;
      this.item = item;
      this.left = count;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        badRequest = new IllegalArgumentException("Reactive Streams rule 3.9: request(" + n + ") must be positive");
      } else {
        demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      }
      drain();
    }

    @Override
    public void cancel() {
      stopped = true;
    }

    private void drain() {
      if (pending.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        if (stopped) {
          return;
        }
        if (badRequest != null) {
          stopped = true;
          subscriber.onError(badRequest);
          return;
        }
        long asked = demand.get();
        long sent = 0;
        while (sent < asked && left > 0 && !stopped) {
          subscriber.onNext(item);
          sent++;
          left--;
        }
        if (asked != Long.MAX_VALUE) {
          demand.addAndGet(-sent);
        }
        if (left == 0 && !stopped) {
          stopped = true;
          subscriber.onComplete();
          return;
        }
        missed = pending.addAndGet(-missed);
      } while (missed != 0);
    }
  }
}
