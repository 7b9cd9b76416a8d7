package io.ipc4j;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A producer for stream tests: emits 0, 1, 2, ... (as longs) up to {@code count} items, only as requested, and
 * counts what was requested of it and what it emitted, so a test can prove the bound. Each subscribe gets its own
 * sequence; the counts are the publisher's (tests subscribe once).
 */
final class CountingPublisher implements Flow.Publisher<Object> {
  /** Items in the sequence; {@code Long.MAX_VALUE} for an endless one. */
  private final long count;
  /** Where it emits: on the requesting thread, or (a source of its own, as most real ones are) on another one. */
  private final java.util.concurrent.Executor emitter;
  final AtomicLong requested = new AtomicLong();
  final AtomicLong emitted = new AtomicLong();
  final AtomicInteger subscriptions = new AtomicInteger();
  private final CountDownLatch cancelled = new CountDownLatch(1);

  CountingPublisher(long count) {
    this(count, Runnable::run);
  }

  CountingPublisher(long count, java.util.concurrent.Executor emitter) {
    this.count = count;
    this.emitter = emitter;
  }

  static CountingPublisher endless() {
    return new CountingPublisher(Long.MAX_VALUE);
  }

  /** Whether the subscription was cancelled within the test deadline. */
  boolean awaitCancel() {
    try {
      return cancelled.await(Await.SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  boolean isCancelled() {
    return cancelled.getCount() == 0;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super Object> subscriber) {
    subscriptions.incrementAndGet();
    subscriber.onSubscribe(new Flow.Subscription() {
      private final AtomicLong demand = new AtomicLong();
      private final AtomicInteger draining = new AtomicInteger();
      private volatile boolean stopped;
      private long next;

      @Override
      public void request(long n) {
        if (n <= 0) {
          stopped = true;
          subscriber.onError(new IllegalArgumentException("request(" + n + ")"));
          return;
        }
        requested.accumulateAndGet(n, CountingPublisher::addCapped);
        demand.accumulateAndGet(n, CountingPublisher::addCapped);
        emitter.execute(this::drain);
      }

      @Override
      public void cancel() {
        stopped = true;
        cancelled.countDown();
      }

      /** Emits while there is demand; one drain at a time, so a request from onNext does not recurse. */
      private void drain() {
        if (draining.getAndIncrement() != 0) {
          return;
        }
        do {
          while (!stopped && next < count && demand.get() > 0) {
            if (demand.get() != Long.MAX_VALUE) {
              demand.decrementAndGet();
            }
            emitted.incrementAndGet();
            subscriber.onNext(next++);
          }
          if (!stopped && next == count) {
            stopped = true;
            subscriber.onComplete();
          }
        } while (draining.decrementAndGet() != 0);
      }
    });
  }

  private static long addCapped(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
