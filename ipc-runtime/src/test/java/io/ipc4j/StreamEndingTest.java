package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a stream ends, both ways and over both hosts: completion, the producer's failure and a missing handler in
 * Electron's words, an item that cannot be encoded, the peer going or the host closing (the producer is cancelled
 * too), never a deadline; and an invoke of a streaming handler says to call stream(...).
 */
class StreamEndingTest {
  /** The items of {@code source}, each passed through {@code map}. */
  private static Flow.Publisher<Object> mapped(Flow.Publisher<Object> source, Function<Object, Object> map) {
    return subscriber -> source.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscriber.onSubscribe(s);
      }

      @Override
      public void onNext(Object item) {
        subscriber.onNext(map.apply(item));
      }

      @Override
      public void onError(Throwable failure) {
        subscriber.onError(failure);
      }

      @Override
      public void onComplete() {
        subscriber.onComplete();
      }
    });
  }

  /** Two items, then a failure. */
  private static Flow.Publisher<Object> failingAfterTwo() {
    return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
      private int sent;

      @Override
      public void request(long n) {
        while (n-- > 0 && sent < 2) {
          subscriber.onNext("item " + sent++);
        }
        if (sent == 2) {
          sent++;
          subscriber.onError(new IllegalStateException("broke"));
        }
      }

      @Override
      public void cancel() {}
    });
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aProducerFailureEndsTheStreamInElectronsFormatAfterItsItems(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      host.ipcMain().handle("fails", (event, args) -> failingAfterTwo());
      r.ipcRenderer().handle("fails", (event, args) -> failingAfterTwo());
      host.ipcMain().handle("throws", (event, args) -> {
        throw new IllegalArgumentException("bad args");
      });
      for (Flow.Publisher<Object> stream : List.of(r.ipcRenderer().stream("fails"), r.webContents().stream("fails"))) {
        StreamProbe probe = StreamProbe.all();
        stream.subscribe(probe);
        assertThat(probe.items.take()).isEqualTo("item 0");
        assertThat(probe.items.take()).isEqualTo("item 1");
        Throwable failure = probe.failure();
        assertThat(failure).isInstanceOf(IpcInvokeException.class);
        assertThat(failure).hasMessageThat()
            .isEqualTo("Error invoking remote method 'fails': java.lang.IllegalStateException: broke");
      }
      StreamProbe thrown = StreamProbe.all();
      r.ipcRenderer().stream("throws").subscribe(thrown);
      assertThat(thrown.failure()).hasMessageThat()
          .isEqualTo("Error invoking remote method 'throws': java.lang.IllegalArgumentException: bad args");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aStreamWithoutAHandlerFailsWithElectronsNoHandlerText(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      for (Flow.Publisher<Object> stream : List.of(r.ipcRenderer().stream("nobody"),
          r.webContents().stream("nobody"))) {
        StreamProbe probe = StreamProbe.all();
        stream.subscribe(probe);
        Throwable failure = probe.failure();
        assertThat(failure).isInstanceOf(IpcInvokeException.class);
        assertThat(failure).hasMessageThat().isEqualTo("Error invoking remote method 'nobody': "
            + "io.ipc4j.IpcException: No handler registered for 'nobody'");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void invokingAStreamingHandlerFailsAndNamesStream(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      host.ipcMain().handle("ticks", (event, args) -> CountingPublisher.endless());
      r.ipcRenderer().handle("ticks", (event, args) -> CountingPublisher.endless());
      for (CompletableFuture<Object> call : List.of(r.ipcRenderer().invoke("ticks"), r.webContents().invoke("ticks"))) {
        CompletionException e = Assertions.assertThrows(CompletionException.class,
            () -> call.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join());
        assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
        assertThat(e).hasCauseThat().hasMessageThat().startsWith("Error invoking remote method 'ticks': ");
        assertThat(e).hasCauseThat().hasMessageThat().contains("call it with stream(...), not invoke(...)");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anItemThatCannotBeEncodedFailsTheStreamAndCancelsTheProducer(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      CountingPublisher inMain = CountingPublisher.endless();
      CountingPublisher inRenderer = CountingPublisher.endless();
      Function<Object, Object> secondIsUnclonable = item -> item.equals(1L) ? new Object() : item;
      host.ipcMain().handle("odd", (event, args) -> mapped(inMain, secondIsUnclonable));
      r.ipcRenderer().handle("odd", (event, args) -> mapped(inRenderer, secondIsUnclonable));
      StreamProbe fromMain = new StreamProbe(5, false);
      StreamProbe fromRenderer = new StreamProbe(5, false);
      r.ipcRenderer().stream("odd").subscribe(fromMain);
      r.webContents().stream("odd").subscribe(fromRenderer);
      for (StreamProbe probe : List.of(fromMain, fromRenderer)) {
        assertThat(probe.items.take()).isEqualTo(0);
        IpcInvokeException failure = (IpcInvokeException) probe.failure();
        assertThat(failure.remoteType()).isEqualTo(IpcCloneException.class.getName());
        assertThat(failure).hasMessageThat().contains("An object could not be cloned.");
        assertThat(probe.items.size()).isEqualTo(0);
      }
      assertThat(inMain.awaitCancel()).isTrue();
      assertThat(inRenderer.awaitCancel()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererClosingEndsItsStreamsBothWaysAndCancelsTheProducers(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      CountingPublisher inMain = CountingPublisher.endless();
      CountingPublisher inRenderer = CountingPublisher.endless();
      host.ipcMain().handle("endless", (event, args) -> inMain);
      r.ipcRenderer().handle("endless", (event, args) -> inRenderer);
      StreamProbe rendererSide = new StreamProbe(1, true);
      StreamProbe mainSide = new StreamProbe(1, true);
      r.ipcRenderer().stream("endless").subscribe(rendererSide);
      r.webContents().stream("endless").subscribe(mainSide);
      rendererSide.items.take();
      mainSide.items.take();
      r.close();
      assertThat(rendererSide.failure()).isInstanceOf(IpcDisconnectedException.class);
      assertThat(mainSide.failure()).isInstanceOf(IpcDisconnectedException.class);
      assertThat(inMain.awaitCancel()).isTrue();
      assertThat(inRenderer.awaitCancel()).isTrue();
      StreamProbe late = StreamProbe.all();
      r.webContents().stream("endless").subscribe(late);
      assertThat(late.failure()).isInstanceOf(IpcDisconnectedException.class);
      assertThat(late.failure()).hasMessageThat().contains("Object has been destroyed");
    }
  }

  /**
   * Several renderers stream at once, both ways, when the host closes: every stream ends with
   * IpcDisconnectedException (never a protocol failure from an item that arrives late) and every producer is
   * cancelled. Repeated, since the order of the closing and the items in flight varies.
   */
  @ParameterizedTest
  @EnumSource(HostKind.class)
  void closingTheHostEndsTheStreamsAndCancelsTheProducers(HostKind kind) {
    for (int round = 0; round < 50; round++) {
      List<StreamProbe> probes = new ArrayList<>();
      List<CountingPublisher> producers = new CopyOnWriteArrayList<>();
      IpcHost host = kind.open();
      try {
        host.ipcMain().handle("endless", (event, args) -> {
          CountingPublisher p = CountingPublisher.endless();
          producers.add(p);
          return p;
        });
        for (int i = 0; i < 3; i++) {
          Renderer r = host.openRenderer();
          r.ipcRenderer().handle("endless", (event, args) -> {
            CountingPublisher p = CountingPublisher.endless();
            producers.add(p);
            return p;
          });
          for (Flow.Publisher<Object> stream : List.of(r.ipcRenderer().stream("endless"),
              r.webContents().stream("endless"))) {
            StreamProbe probe = new StreamProbe(4, true);
            stream.subscribe(probe);
            probes.add(probe);
          }
        }
        for (StreamProbe probe : probes) {
          probe.items.take(); // each stream is flowing
        }
      } finally {
        host.close();
      }
      for (int i = 0; i < probes.size(); i++) {
        StreamProbe probe = probes.get(i);
        Throwable failure;
        try {
          failure = probe.failure();
        } catch (AssertionError e) {
          throw new AssertionError("round " + round + ", renderer " + i / 2 + "'s stream "
              + (i % 2 == 0 ? "on a main handler" : "from the main process") + ": " + e.getMessage(), e);
        }
        if (!(failure instanceof IpcDisconnectedException)) {
          throw new AssertionError("round " + round + ": the stream ended with " + failure, failure);
        }
        assertThat(probe.overlaps.get()).isEqualTo(0);
      }
      assertThat(producers).hasSize(6);
      for (CountingPublisher producer : producers) {
        assertThat(producer.awaitCancel()).isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aStreamHasNoDeadline(HostKind kind) {
    try (IpcHost host = kind.open(Duration.ofMillis(200));
        SubmissionPublisher<Object> slow = new SubmissionPublisher<>()) {
      Renderer r = host.openRenderer();
      host.ipcMain().handle("slow", (event, args) -> slow);
      host.ipcMain().handle("never", (event, args) -> new CompletableFuture<>());
      StreamProbe probe = StreamProbe.all();
      r.ipcRenderer().stream("slow").subscribe(probe);
      Await.until("the handler's publisher has its subscriber", () -> slow.getNumberOfSubscribers() == 1);
      // An invoke started now times out: the host's deadline has passed for anything that had one.
      CompletionException timedOut = Assertions.assertThrows(CompletionException.class,
          () -> r.ipcRenderer().invoke("never").orTimeout(Await.SECONDS, TimeUnit.SECONDS).join());
      assertThat(timedOut).hasCauseThat().isInstanceOf(IpcTimeoutException.class);
      assertThat(probe.end.isDone()).isFalse();
      slow.submit("still here");
      slow.close();
      assertThat(probe.items.take()).isEqualTo("still here");
      probe.awaitComplete();
    }
  }
}
