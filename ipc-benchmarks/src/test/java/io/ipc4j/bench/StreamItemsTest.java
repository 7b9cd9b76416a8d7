package io.ipc4j.bench;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stream rows' own producer and consumer keep to the Reactive Streams demand rules. */
class StreamItemsTest {
  /** Generous, for a loaded machine: nothing here should take more than milliseconds. */
  private static final long WAIT_SECONDS = 60;

  /** Records what a publisher signals, and lets the test request. */
  private static final class Recorder implements Flow.Subscriber<Object> {
    final List<Object> items = new ArrayList<>();
    Flow.Subscription subscription;
    Throwable error;
    int completions;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public synchronized void onNext(Object item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable failure) {
      error = failure;
    }

    @Override
    public void onComplete() {
      completions++;
    }
  }

  @Test
  void publisherEmitsNoMoreThanWasRequestedThenCompletesOnceAtItsCount() {
    Recorder recorder = new Recorder();
    new ItemsPublisher("x", 5).subscribe(recorder);
    assertThat(recorder.items).isEmpty();
    recorder.subscription.request(2);
    assertThat(recorder.items).hasSize(2);
    assertThat(recorder.completions).isEqualTo(0);
    recorder.subscription.request(10);
    assertThat(recorder.items).containsExactly("x", "x", "x", "x", "x");
    assertThat(recorder.completions).isEqualTo(1);
    recorder.subscription.request(1);
    assertThat(recorder.items).hasSize(5);
    assertThat(recorder.completions).isEqualTo(1);
  }

  @Test
  void publisherFailsANonPositiveRequestAndStopsAfterCancel() {
    Recorder failed = new Recorder();
    new ItemsPublisher("x", 5).subscribe(failed);
    failed.subscription.request(0);
    assertThat(failed.error).isInstanceOf(IllegalArgumentException.class);
    assertThat(failed.error).hasMessageThat().contains("3.9");
    Recorder cancelled = new Recorder();
    new ItemsPublisher("x", 5).subscribe(cancelled);
    cancelled.subscription.request(1);
    cancelled.subscription.cancel();
    cancelled.subscription.request(4);
    assertThat(cancelled.items).hasSize(1);
    assertThat(cancelled.completions).isEqualTo(0);
  }

  @Test
  void publisherSentExactlyWhatConcurrentRequestsAddUpTo() throws InterruptedException {
    Recorder recorder = new Recorder();
    new ItemsPublisher("x", 1_000_000).subscribe(recorder);
    int threads = 4;
    int requests = 10_000;
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < requests; i++) {
          recorder.subscription.request(3);
        }
        done.countDown();
      });
      thread.setDaemon(true);
      thread.start();
    }
    assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    synchronized (recorder) {
      assertThat(recorder.items).hasSize(threads * requests * 3);
    }
  }

  @Test
  void subscriberAsksForAWindowThenHalfAWindowPerHalfArrived() throws Exception {
    AtomicLong asked = new AtomicLong();
    List<Long> requests = new ArrayList<>();
    WindowedSubscriber subscriber = new WindowedSubscriber(64);
    subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {
        requests.add(n);
        asked.addAndGet(n);
      }

      @Override
      public void cancel() {}
    });
    for (int i = 0; i < WindowedSubscriber.WINDOW * 2; i++) {
      subscriber.onNext(new byte[64]);
    }
    subscriber.onComplete();
    assertThat(requests.get(0)).isEqualTo(WindowedSubscriber.WINDOW);
    assertThat(requests.subList(1, requests.size())).containsExactly(128L, 128L, 128L, 128L);
    assertThat(asked.get() - 2 * WindowedSubscriber.WINDOW).isEqualTo(WindowedSubscriber.WINDOW); // a window ahead
    assertThat(subscriber.done().get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(2L * WindowedSubscriber.WINDOW);
  }

  @Test
  void subscriberFailsAndCancelsOnAnItemOfTheWrongSize() {
    boolean[] cancelled = {false};
    WindowedSubscriber subscriber = new WindowedSubscriber(64);
    subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {}

      @Override
      public void cancel() {
        cancelled[0] = true;
      }
    });
    subscriber.onNext(new byte[63]);
    assertThat(cancelled[0]).isTrue();
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> subscriber.done().get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertThat(failure).hasCauseThat().hasMessageThat().contains("is not 64 bytes");
  }
}
