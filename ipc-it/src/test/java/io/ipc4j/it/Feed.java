package io.ipc4j.it;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A {@link FeedApi} whose publishers emit only what is requested and remember it: the total demand each stream
 * saw, and whether it was cancelled (also told to {@code onCancel}, for a renderer JVM to report).
 */
final class Feed implements FeedApi {
  private final Consumer<String> onCancel;
  private final Map<String, Producer<?>> producers = new ConcurrentHashMap<>();

  Feed(Consumer<String> onCancel) {
    this.onCancel = onCancel;
  }

  static Note note(String tag, long i) {
    return new Note(i, tag + " " + i, List.of(tag), Instant.ofEpochSecond(i, 7), Priority.HIGH);
  }

  /** The producer that the last subscription to the stream {@code tag} got, or null. */
  Producer<?> producer(String tag) {
    return producers.get(tag);
  }

  @Override
  public Flow.Publisher<Note> notes(String tag, int count) {
    return subscriber -> start(tag, subscriber, count, i -> note(tag, i), null);
  }

  @Override
  public Flow.Publisher<Long> ticks(String tag) {
    return subscriber -> start(tag, subscriber, Long.MAX_VALUE, i -> i, null);
  }

  @Override
  public Flow.Publisher<Note[]> pages(String tag, int pages) {
    return subscriber -> start(tag, subscriber, pages,
        i -> new Note[] {note(tag, 2 * i), note(tag, 2 * i + 1)}, null);
  }

  @Override
  public Flow.Publisher<String> failing(String tag, String why) {
    return subscriber -> start(tag, subscriber, 1, i -> "before " + why, new NoteNotFound(why));
  }

  private <T> void start(String tag, Flow.Subscriber<? super T> subscriber, long count, LongFunction<T> item,
      Throwable failure) {
    Objects.requireNonNull(subscriber, "subscriber");
    Producer<T> producer = new Producer<>(tag, subscriber, count, item, failure);
    producers.put(tag, producer);
    subscriber.onSubscribe(producer);
  }

  /**
   * One subscription: emits items {@code 0..count-1} as they are requested (a drain loop keeps the signals serial
   * whichever thread requests), then completes or fails.
   */
  final class Producer<T> implements Flow.Subscription {
    private final String tag;
    private final Flow.Subscriber<? super T> subscriber;
    private final long count;
    private final LongFunction<T> item;
    private final Throwable failure;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger work = new AtomicInteger();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private long next;
    private boolean done;

    Producer(String tag, Flow.Subscriber<? super T> subscriber, long count, LongFunction<T> item,
        Throwable failure) {
      this.tag = tag;
      this.subscriber = subscriber;
      this.count = count;
      this.item = item;
      this.failure = failure;
    }

    /** The total of every request so far. */
    long requested() {
      return requested.get();
    }

    /** How many items it emitted. */
    synchronized long emitted() {
      return next;
    }

    boolean isCancelled() {
      return cancelled.get();
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        subscriber.onError(new IllegalArgumentException("non-positive request " + n));
        return;
      }
      requested.accumulateAndGet(n, Feed::addCapped);
      demand.accumulateAndGet(n, Feed::addCapped);
      drain();
    }

    @Override
    public void cancel() {
      if (cancelled.compareAndSet(false, true)) {
        onCancel.accept(tag);
      }
    }

    private void drain() {
      if (work.getAndIncrement() != 0) {
        return;
      }
      do {
        synchronized (this) {
          while (!cancelled.get() && next < count && demand.get() > 0) {
            demand.decrementAndGet();
            subscriber.onNext(item.apply(next++));
          }
          if (!cancelled.get() && next == count && !done) {
            done = true;
            if (failure != null) {
              subscriber.onError(failure);
            } else {
              subscriber.onComplete();
            }
          }
        }
      } while (work.decrementAndGet() != 0);
    }
  }

  private static long addCapped(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
