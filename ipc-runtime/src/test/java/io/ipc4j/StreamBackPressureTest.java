package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streams move only as their subscriber asks: the producing side is asked for exactly what the subscriber requested
 * and never emits more, a bad request fails the stream and cancels the producer, and cancel reaches the producer. Each
 * rule holds both ways (a renderer subscribing to a main handler, and the main process to a renderer handler), over
 * both hosts.
 */
class StreamBackPressureTest {
  /** Which side subscribes: the stream's handler is registered on the other side. */
  enum Way {
    RENDERER_SUBSCRIBES((r, channel) -> r.ipcRenderer().stream(channel)),
    MAIN_SUBSCRIBES((r, channel) -> r.webContents().stream(channel));

    private final BiFunction<Renderer, String, Flow.Publisher<Object>> open;

    Way(BiFunction<Renderer, String, Flow.Publisher<Object>> open) {
      this.open = open;
    }

    /** Serves {@code channel} with {@code producer} on the side that does not subscribe, and opens the stream. */
    Flow.Publisher<Object> serve(IpcHost host, Renderer r, String channel, Flow.Publisher<Object> producer) {
      if (this == RENDERER_SUBSCRIBES) {
        host.ipcMain().handle(channel, (event, args) -> producer);
      } else {
        r.ipcRenderer().handle(channel, (event, args) -> producer);
      }
      return open.apply(r, channel);
    }
  }

  private static void eachWay(HostKind kind, Scenario scenario) {
    for (Way way : Way.values()) {
      try (IpcHost host = kind.open()) {
        scenario.run(way, host, host.openRenderer());
      } catch (AssertionError e) {
        throw new AssertionError(way + ": " + e.getMessage(), e);
      }
    }
  }

  interface Scenario {
    void run(Way way, IpcHost host, Renderer r);
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void itemsFlowOnlyAsRequestedAndTheProducerIsAskedForNoMore(HostKind kind) {
    eachWay(kind, (way, host, r) -> {
      CountingPublisher producer = CountingPublisher.endless();
      StreamProbe probe = new StreamProbe(3, false);
      way.serve(host, r, "endless", producer).subscribe(probe);
      for (int i = 0; i < 3; i++) {
        assertThat(probe.items.take()).isEqualTo(i);
      }
      probe.items.assertEmptyAfter(100); // nothing beyond the request, however long it waits
      assertThat(producer.requested.get()).isEqualTo(3);
      assertThat(producer.emitted.get()).isEqualTo(3);
      probe.subscription().request(2);
      assertThat(probe.items.take()).isEqualTo(3);
      assertThat(probe.items.take()).isEqualTo(4);
      probe.items.assertEmptyAfter(100);
      assertThat(producer.requested.get()).isEqualTo(5);
      assertThat(producer.emitted.get()).isEqualTo(5);
      probe.subscription().cancel();
      assertThat(producer.awaitCancel()).isTrue();
    });
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aSlowConsumerKeepsAFastProducerWithinWhatItRequested(HostKind kind) {
    eachWay(kind, (way, host, r) -> {
      CountingPublisher producer = CountingPublisher.endless();
      AtomicLong askedFor = new AtomicLong();
      AtomicLong mostAhead = new AtomicLong();
      Await.Inbox<Object> items = new Await.Inbox<>();
      CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
      way.serve(host, r, "endless", producer).subscribe(new Flow.Subscriber<>() {
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscription = s;
          askedFor.addAndGet(4);
          s.request(4);
          subscribed.complete(s);
        }

        @Override
        public void onNext(Object item) {
          // How far the producer ran ahead of this consumer: never beyond what the consumer asked for.
          mostAhead.accumulateAndGet(producer.emitted.get() - askedFor.get(), Math::max);
          items.put(item);
          Thread.yield(); // a slow consumer
          askedFor.incrementAndGet();
          subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {}

        @Override
        public void onComplete() {}
      });
      for (int i = 0; i < 300; i++) {
        assertThat(items.take()).isEqualTo(i);
      }
      subscribed.join().cancel();
      assertThat(producer.awaitCancel()).isTrue();
      assertThat(mostAhead.get()).isAtMost(0);
      assertThat(producer.requested.get()).isAtMost(askedFor.get());
      assertThat(producer.emitted.get()).isAtMost(producer.requested.get());
    });
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRequestOfZeroOrLessFailsTheStreamAndCancelsTheProducer(HostKind kind) {
    for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
      eachWay(kind, (way, host, r) -> {
        CountingPublisher producer = CountingPublisher.endless();
        StreamProbe probe = new StreamProbe(1, false);
        way.serve(host, r, "endless", producer).subscribe(probe);
        assertThat(probe.items.take()).isEqualTo(0);
        probe.subscription().request(bad);
        Throwable failure = probe.failure();
        assertThat(failure).isInstanceOf(IllegalArgumentException.class);
        assertThat(failure).hasMessageThat().contains("3.9");
        assertThat(producer.awaitCancel()).isTrue();
        probe.items.assertEmptyAfter(50);
      });
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void requestsAddUpAndAnOverflowStaysUnbounded(HostKind kind) {
    eachWay(kind, (way, host, r) -> {
      CountingPublisher producer = new CountingPublisher(10);
      StreamProbe probe = new StreamProbe(Long.MAX_VALUE - 1, false);
      way.serve(host, r, "ten", producer).subscribe(probe);
      probe.subscription().request(5);
      probe.subscription().request(Long.MAX_VALUE);
      probe.awaitComplete(); // no overflow turned the demand negative, or into a broken protocol
      for (int i = 0; i < 10; i++) {
        assertThat(probe.items.take()).isEqualTo(i);
      }
      assertThat(producer.emitted.get()).isEqualTo(10);
    });
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void cancelReachesTheProducerIsIdempotentAndNothingFollowsIt(HostKind kind) {
    eachWay(kind, (way, host, r) -> {
      CountingPublisher producer = CountingPublisher.endless();
      AtomicInteger afterCancel = new AtomicInteger();
      AtomicInteger seen = new AtomicInteger();
      way.serve(host, r, "endless", producer).subscribe(new Flow.Subscriber<>() {
        Flow.Subscription subscription;
        volatile boolean cancelled;

        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscription = s;
          s.request(1000); // the producer runs ahead of the subscriber: what it sent after the cancel is dropped
        }

        @Override
        public void onNext(Object item) {
          if (cancelled) {
            afterCancel.incrementAndGet();
          } else if (seen.incrementAndGet() == 20) {
            cancelled = true;
            subscription.cancel();
            subscription.cancel();
          }
        }

        @Override
        public void onError(Throwable failure) {
          afterCancel.incrementAndGet();
        }

        @Override
        public void onComplete() {
          afterCancel.incrementAndGet();
        }
      });
      assertThat(producer.awaitCancel()).isTrue();
      // Items already on their way are dropped: the subscriber sees no signal once it cancelled.
      new Await.Inbox<>().assertEmptyAfter(100);
      assertThat(afterCancel.get()).isEqualTo(0);
      assertThat(seen.get()).isEqualTo(20);
    });
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aHandlerSeesItsStreamCancelled(HostKind kind) {
    eachWay(kind, (way, host, r) -> {
      CompletableFuture<Boolean> sawCancel = new CompletableFuture<>();
      CountingPublisher producer = CountingPublisher.endless();
      Flow.Publisher<Object> stream;
      if (way == Way.RENDERER_SUBSCRIBES) {
        host.ipcMain().handle("watched",
            (event, args) -> watched(producer, () -> sawCancel.complete(event.isCancelled())));
        stream = r.ipcRenderer().stream("watched");
      } else {
        r.ipcRenderer().handle("watched",
            (event, args) -> watched(producer, () -> sawCancel.complete(event.isCancelled())));
        stream = r.webContents().stream("watched");
      }
      StreamProbe probe = new StreamProbe(1, false);
      stream.subscribe(probe);
      probe.items.take();
      probe.subscription().cancel();
      assertThat(sawCancel.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join()).isTrue();
    });
  }

  /** {@code producer}, telling {@code onCancel} when its subscriber cancels. */
  private static Flow.Publisher<Object> watched(Flow.Publisher<Object> producer, Runnable onCancel) {
    return subscriber -> producer.subscribe(cancelWatcher(subscriber, onCancel));
  }

  /** Passes a subscriber through, running {@code onCancel} after its subscription is cancelled. */
  private static Flow.Subscriber<Object> cancelWatcher(Flow.Subscriber<? super Object> target, Runnable onCancel) {
    return new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        target.onSubscribe(new Flow.Subscription() {
          @Override
          public void request(long n) {
            s.request(n);
          }

          @Override
          public void cancel() {
            s.cancel();
            onCancel.run();
          }
        });
      }

      @Override
      public void onNext(Object item) {
        target.onNext(item);
      }

      @Override
      public void onError(Throwable failure) {
        target.onError(failure);
      }

      @Override
      public void onComplete() {
        target.onComplete();
      }
    };
  }
}
