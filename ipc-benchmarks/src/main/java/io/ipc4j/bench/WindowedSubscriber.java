package io.ipc4j.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The stream rows' consumer, as a real one keeps a stream flowing: it asks for a window of {@value #WINDOW} items
 * at first, then for half a window each time half a window has arrived, so that the producer never waits for credit
 * while the consumer sends one request per {@value #WINDOW}/2 items, not one per item. It checks each item's size and
 * completes {@link #done()} with the number of items when the stream ends.
 */
final class WindowedSubscriber implements Flow.Subscriber<Object> {
  static final int WINDOW = 256;

  private final int itemBytes;
  private final CompletableFuture<Long> done = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private long received;
  private int sinceRequest;

  WindowedSubscriber(int itemBytes) {
    this.itemBytes = itemBytes;
  }

  /** The number of items, once the stream completed; failed with its error if it failed. */
  CompletableFuture<Long> done() {
    return done;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(WINDOW);
  }

  @Override
  public void onNext(Object item) {
    if (!(item instanceof byte[] bytes) || bytes.length != itemBytes) {
      subscription.cancel();
      done.completeExceptionally(new AssertionError("stream item " + item + " is not " + itemBytes + " bytes"));
      return;
    }
    received++;
    if (++sinceRequest == WINDOW / 2) {
      sinceRequest = 0;
      subscription.request(WINDOW / 2);
    }
  }

  @Override
  public void onError(Throwable failure) {
    done.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    done.complete(received);
  }
}
