package io.ipc4j.internal;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stream of a handler that returned a plain value to a stream call: that one item, then completion, once asked
 * for. Only a {@link StreamProducer} subscribes to it, and asks for positive amounts only.
 */
final class StreamOfOne implements Flow.Publisher<Object> {
  private final Object value;

  StreamOfOne(Object value) {
    this.value = value;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super Object> subscriber) {
    AtomicBoolean taken = new AtomicBoolean();
    subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {
        if (taken.compareAndSet(false, true)) {
          subscriber.onNext(value);
          subscriber.onComplete();
        }
      }

      @Override
      public void cancel() {
        taken.set(true);
      }
    });
  }
}
