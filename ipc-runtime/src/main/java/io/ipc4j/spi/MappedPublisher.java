package io.ipc4j.spi;

import io.ipc4j.IpcException;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A publisher whose items are those of another publisher, each converted on its way through, and whose failure is
 * that of the other publisher, mapped: how a typed stream gets its items (and its declared exceptions) from the
 * untyped one, and how a served stream gets its untyped items and reports its declared exceptions. Each
 * {@code subscribe} subscribes once to the upstream publisher; demand and cancellation pass straight through, so
 * back-pressure is the upstream's own. An item that does not convert (or converts to null, which Reactive Streams
 * forbids) cancels the upstream subscription and fails the stream with the conversion's {@link IpcException};
 * nothing reaches the subscriber after that.
 *
 * @param <T> the converted item type
 */
final class MappedPublisher<T> implements Flow.Publisher<T> {
  private final Flow.Publisher<?> upstream;
  private final Converter<? extends T> converter;
  private final String what;
  private final Function<Throwable, Throwable> failures;

  /**
   * A mapping publisher.
   *
   * @param upstream the publisher of the items to convert
   * @param converter converts each item; null to pass items on as they are
   * @param what what an item is, for conversion errors (for example {@code item of feed:notes}); null when
   *     {@code converter} is
   * @param failures what to fail with for the upstream's failure; null to pass it on as it is
   */
  MappedPublisher(Flow.Publisher<?> upstream, Converter<? extends T> converter, String what,
      Function<Throwable, Throwable> failures) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.converter = converter;
    this.what = converter == null ? what : Objects.requireNonNull(what, "what");
    this.failures = failures;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");   // Reactive Streams rule 1.9
    upstream.subscribe(new Mapping<>(subscriber, this));
  }

  /** One subscription: the upstream's subscriber, and the subscription the downstream subscriber holds. */
  private static final class Mapping<T> implements Flow.Subscriber<Object>, Flow.Subscription {
    private final Flow.Subscriber<? super T> downstream;
    private final MappedPublisher<T> publisher;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** Set once, before the downstream subscriber sees this subscription. */
    private volatile Flow.Subscription subscription;
    /** A terminal signal went downstream; read and written only in the upstream's serial signals. */
    private boolean done;

    Mapping(Flow.Subscriber<? super T> downstream, MappedPublisher<T> publisher) {
      this.downstream = downstream;
      this.publisher = publisher;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      Objects.requireNonNull(s, "subscription");
      if (subscription != null) {
        s.cancel();   // rule 2.5: a second subscription is refused
        return;
      }
      subscription = s;
      downstream.onSubscribe(this);
    }

    @Override
    public void onNext(Object item) {
      if (done || cancelled.get()) {
        return;
      }
      if (publisher.converter == null) {
        downstream.onNext(asIs(item));
        return;
      }
      T value;
      try {
        value = publisher.converter.convert(item, publisher.what);
        if (value == null) {
          throw new IpcException(publisher.what + ": a stream item cannot be null");
        }
      } catch (RuntimeException e) {
        done = true;
        cancel();
        downstream.onError(e);
        return;
      }
      downstream.onNext(value);
    }

    @Override
    public void onError(Throwable failure) {
      if (done || cancelled.get()) {
        return;
      }
      done = true;
      downstream.onError(publisher.failures == null ? failure : publisher.failures.apply(failure));
    }

    @Override
    public void onComplete() {
      if (done || cancelled.get()) {
        return;
      }
      done = true;
      downstream.onComplete();
    }

    @Override
    public void request(long n) {
      // Passed on as is, non-positive too: the upstream answers that with onError (rule 3.9), in its own order.
      if (!cancelled.get()) {
        subscription.request(n);
      }
    }

    @Override
    public void cancel() {
      if (cancelled.compareAndSet(false, true)) {
        subscription.cancel();
      }
    }

    /** An item passed on unconverted: only a publisher of {@code Object} is made without a converter. */
    @SuppressWarnings("unchecked")
    private static <T> T asIs(Object item) {
      return (T) item;
    }
  }
}
