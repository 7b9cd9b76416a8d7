package io.ipc4j.spi;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcException;
import io.ipc4j.IpcInvokeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * The typed view of a stream ({@link Calls#stream}) and the untyped one of a served stream
 * ({@link Calls#untypedStream}): items converted in order, demand and cancellation passed through unchanged, a
 * conversion failure ending the stream once with the usual conversion text, and nothing after a terminal signal
 * or a cancel. Driven by hand, signal by signal, so every order is exact.
 */
class MappedPublisherTest {
  /** An upstream that hands its subscriber out and records what the subscription was asked. */
  static final class Source implements Flow.Publisher<Object>, Flow.Subscription {
    Flow.Subscriber<? super Object> subscriber;
    final List<Long> requests = new ArrayList<>();
    int cancels;

    @Override
    public void subscribe(Flow.Subscriber<? super Object> s) {
      subscriber = s;
      s.onSubscribe(this);
    }

    @Override
    public void request(long n) {
      requests.add(n);
    }

    @Override
    public void cancel() {
      cancels++;
    }
  }

  /** Records every signal in order, as text. */
  static final class Recorder<T> implements Flow.Subscriber<T> {
    final List<String> signals = new ArrayList<>();
    final List<T> items = new ArrayList<>();
    Flow.Subscription subscription;
    Throwable failure;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      signals.add("subscribe");
    }

    @Override
    public void onNext(T item) {
      items.add(item);
      signals.add("next " + item);
    }

    @Override
    public void onError(Throwable t) {
      failure = t;
      signals.add("error");
    }

    @Override
    public void onComplete() {
      signals.add("complete");
    }
  }

  /** A declared checked exception, rebuilt from a remote failure. */
  static final class Missing extends Exception {
    private static final long serialVersionUID = 1L;

    Missing(String message) {
      super(message);
    }
  }

  private static <T> Recorder<T> subscribe(Flow.Publisher<T> publisher) {
    Recorder<T> recorder = new Recorder<>();
    publisher.subscribe(recorder);
    return recorder;
  }

  @Test
  void itemsArriveConvertedInOrderThenCompletion() {
    Source source = new Source();
    Recorder<Long> recorder = subscribe(Calls.stream(source, Converters.LONG, "item of feed:ids", null));
    source.subscriber.onNext(1);
    source.subscriber.onNext(2L);
    source.subscriber.onComplete();
    assertThat(recorder.signals).containsExactly("subscribe", "next 1", "next 2", "complete").inOrder();
    assertThat(recorder.items.get(0)).isInstanceOf(Long.class);
  }

  @Test
  void demandReachesTheUpstreamUnchanged() {
    Source source = new Source();
    Recorder<Long> recorder = subscribe(Calls.stream(source, Converters.LONG, "item of feed:ids", null));
    recorder.subscription.request(1);
    recorder.subscription.request(3);
    recorder.subscription.request(0);   // the upstream answers this (rule 3.9), in order with its other signals
    assertThat(source.requests).containsExactly(1L, 3L, 0L).inOrder();
  }

  @Test
  void anItemThatDoesNotConvertCancelsTheUpstreamAndFailsTheStreamOnce() {
    Source source = new Source();
    Recorder<Long> recorder = subscribe(Calls.stream(source, Converters.LONG, "item of feed:ids", null));
    recorder.subscription.request(5);
    source.subscriber.onNext(1);
    source.subscriber.onNext("x");
    source.subscriber.onNext(3);   // already in flight when the cancel came: dropped
    source.subscriber.onComplete();
    recorder.subscription.cancel();
    recorder.subscription.request(1);
    assertThat(source.cancels).isEqualTo(1);
    assertThat(source.requests).containsExactly(5L);
    assertThat(recorder.signals).containsExactly("subscribe", "next 1", "error").inOrder();
    assertThat(recorder.failure).isInstanceOf(IpcException.class);
    assertThat(recorder.failure).hasMessageThat()
        .isEqualTo("item of feed:ids: expected a long but got a java.lang.String (x)");
  }

  @Test
  void aNullItemFailsTheStreamSinceNoSubscriberMayReceiveNull() {
    Source source = new Source();
    Recorder<String> recorder = subscribe(
        Calls.stream(source, Converters.type(String.class), "item of feed:titles", null));
    source.subscriber.onNext(null);
    assertThat(recorder.signals).containsExactly("subscribe", "error").inOrder();
    assertThat(recorder.failure).hasMessageThat().isEqualTo("item of feed:titles: a stream item cannot be null");
    assertThat(source.cancels).isEqualTo(1);
  }

  @Test
  void cancelIsIdempotentAndNothingFollowsIt() {
    Source source = new Source();
    Recorder<Long> recorder = subscribe(Calls.stream(source, Converters.LONG, "item of feed:ids", null));
    recorder.subscription.cancel();
    recorder.subscription.cancel();
    source.subscriber.onNext(1);
    source.subscriber.onError(new IpcException("late"));
    assertThat(source.cancels).isEqualTo(1);
    assertThat(recorder.signals).containsExactly("subscribe");
  }

  @Test
  void aRemoteFailureArrivesAsTheDeclaredExceptionWhenOneMatches() {
    Source source = new Source();
    Recorder<Long> recorder = subscribe(Calls.stream(source, Converters.LONG, "item of feed:ids",
        e -> "x.Missing".equals(e.remoteType()) ? new Missing(e.remoteMessage()) : null));
    IpcInvokeException remote = new IpcInvokeException("feed:ids", "x.Missing", "no feed 7");
    source.subscriber.onError(remote);
    assertThat(recorder.failure).isInstanceOf(Missing.class);
    assertThat(recorder.failure).hasMessageThat().isEqualTo("no feed 7");
    assertThat(recorder.failure).hasCauseThat().isSameInstanceAs(remote);
  }

  @Test
  void aRemoteFailureNoDeclaredExceptionMatchesStaysAsItIs() {
    Source source = new Source();
    Recorder<Long> recorder = subscribe(Calls.stream(source, Converters.LONG, "item of feed:ids",
        e -> "x.Missing".equals(e.remoteType()) ? new Missing(e.remoteMessage()) : null));
    IpcInvokeException remote = new IpcInvokeException("feed:ids", "java.lang.IllegalStateException", "boom");
    source.subscriber.onError(remote);
    assertThat(recorder.failure).isSameInstanceAs(remote);
  }

  @Test
  void aSecondSubscriptionFromTheUpstreamIsCancelled() {
    Source source = new Source();
    Recorder<Long> recorder = subscribe(Calls.stream(source, Converters.LONG, "item of feed:ids", null));
    Source other = new Source();
    source.subscriber.onSubscribe(other);
    assertThat(other.cancels).isEqualTo(1);
    assertThat(recorder.signals).containsExactly("subscribe");
  }

  @Test
  void eachSubscribeSubscribesToTheUpstreamOnce() {
    List<Flow.Subscriber<?>> subscribers = new ArrayList<>();
    Flow.Publisher<Object> upstream = subscribers::add;
    Flow.Publisher<Long> typed = Calls.stream(upstream, Converters.LONG, "item of feed:ids", null);
    typed.subscribe(new Recorder<>());
    typed.subscribe(new Recorder<>());
    assertThat(subscribers).hasSize(2);
    assertThat(subscribers.get(0)).isNotSameInstanceAs(subscribers.get(1));
  }

  @Test
  void subscribingNullIsRefused() {
    Flow.Publisher<Long> typed = Calls.stream(new Source(), Converters.LONG, "item of feed:ids", null);
    assertThrows(NullPointerException.class, () -> typed.subscribe(null));
  }

  @Test
  void aServedStreamCrossesInItsUntypedForm() {
    Source source = new Source();
    Recorder<Object> recorder = subscribe(Calls.untypedStream(source, "item of feed:pages"));
    source.subscriber.onNext(new String[] {"a", "b"});
    source.subscriber.onNext(List.of(Optional.of("c")));
    assertThat(recorder.items).containsExactly(List.of("a", "b"), List.of("c")).inOrder();
  }

  @Test
  void aServedStreamMethodThatReturnedNullFailsWithAClearMessage() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Calls.untypedStream(null, "item of feed:pages"));
    assertThat(e).hasMessageThat().contains("returned null instead of a Flow.Publisher");
  }
}
