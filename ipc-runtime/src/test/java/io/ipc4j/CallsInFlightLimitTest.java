package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code IpcHost.Builder.maxCallsInFlight}: a renderer cannot pile up calls in the host without end. Its invokes whose
 * handlers returned stages that have not ended, and its streams still served, count; a call beyond the limit fails at
 * once, before any interceptor or handler, while that renderer's own calls in flight and every other renderer go on.
 */
class CallsInFlightLimitTest {
  private static Throwable failureOf(CompletableFuture<?> future) {
    CompletionException e = assertThrows(CompletionException.class,
        () -> future.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join());
    return e.getCause();
  }

  /** A host whose "slow" handler answers only when the test completes the stage it returned. */
  private static final class Slow {
    final List<CompletableFuture<Object>> stages = new CopyOnWriteArrayList<>();
    final AtomicInteger handled = new AtomicInteger();
    final AtomicInteger intercepted = new AtomicInteger();
    final IpcHost host;

    Slow(HostKind kind, int limit) {
      host = kind.open(IpcHost.builder().maxCallsInFlight(limit).interceptor(incoming -> {
        intercepted.incrementAndGet();
        return null;
      }));
      host.ipcMain().handle("slow", (event, args) -> {
        handled.incrementAndGet();
        CompletableFuture<Object> stage = new CompletableFuture<>();
        stages.add(stage);
        return stage;
      });
      host.ipcMain().handle("quick", (event, args) -> "quick " + args[0]);
      host.ipcMain().handle("endless", (event, args) -> CountingPublisher.endless());
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aCallBeyondTheLimitFailsBeforeAnyHandlerAndTheRendererGoesOn(HostKind kind) {
    Slow slow = new Slow(kind, 3);
    try (IpcHost host = slow.host; LogCapture log = new LogCapture().quiet()) {
      IpcRenderer a = host.openRenderer().ipcRenderer();
      List<CompletableFuture<Object>> held = List.of(a.invoke("slow", 0), a.invoke("slow", 1), a.invoke("slow", 2));
      Await.until("three calls in flight", () -> slow.stages.size() == 3);
      int interceptedBefore = slow.intercepted.get();

      Throwable refused = failureOf(a.invoke("slow", 3));
      assertThat(refused).isInstanceOf(IpcInvokeException.class);
      assertThat(refused).hasMessageThat().contains("already has 3 calls in flight, as many as the host allows "
          + "(IpcHost.Builder.maxCallsInFlight): its call on 'slow' was refused and no handler ran");
      // Any call is refused while the renderer is at its limit, one its handler would answer at once too.
      assertThat(failureOf(a.invoke("quick", 1))).hasMessageThat().contains("its call on 'quick' was refused");
      assertThat(slow.handled.get()).isEqualTo(3);
      assertThat(slow.intercepted.get()).isEqualTo(interceptedBefore);
      assertThat(log.matching(r -> r.getLevel() == Level.WARNING
          && r.getMessage().contains("calls in flight, as many as the host allows"))).hasSize(1); // once a second

      // Another renderer has a limit of its own.
      IpcRenderer b = host.openRenderer().ipcRenderer();
      assertThat(b.invoke("quick", 2).join()).isEqualTo("quick 2");
      CompletableFuture<Object> fromB = b.invoke("slow", "b");
      Await.until("b's call in flight", () -> slow.stages.size() == 4);

      // A call that ends makes room; the held calls are answered as usual.
      slow.stages.get(0).complete("first");
      assertThat(held.get(0).join()).isEqualTo("first");
      assertThat(a.invoke("quick", 3).join()).isEqualTo("quick 3");
      for (int i = 1; i < 4; i++) {
        slow.stages.get(i).complete("answer " + i);
      }
      assertThat(held.get(1).join()).isEqualTo("answer 1");
      assertThat(held.get(2).join()).isEqualTo("answer 2");
      assertThat(fromB.join()).isEqualTo("answer 3");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void streamsStillServedCountAndAStreamBeyondTheLimitFails(HostKind kind) {
    Slow slow = new Slow(kind, 2);
    try (IpcHost host = slow.host; LogCapture log = new LogCapture().quiet()) {
      IpcRenderer a = host.openRenderer().ipcRenderer();
      StreamProbe first = new StreamProbe(0, false); // asks for nothing: served, and quiet
      a.stream("endless").subscribe(first);
      CompletableFuture<Object> held = a.invoke("slow");
      Await.until("the call in flight", () -> slow.stages.size() == 1);

      StreamProbe refused = new StreamProbe(0, false);
      a.stream("endless").subscribe(refused);
      Throwable failure = refused.end.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
      assertThat(failure).hasMessageThat().contains("already has 2 calls in flight");
      assertThat(failure).hasMessageThat().contains("its call on 'endless' was refused");
      assertThat(failureOf(a.invoke("quick", 1))).hasMessageThat().contains("already has 2 calls in flight");
      assertThat(first.end.isDone()).isFalse();

      // Cancelling the first stream makes room.
      first.subscription().cancel();
      Await.until("room again", () -> a.invoke("quick", 2).handle((v, t) -> v).join() != null);
      slow.stages.get(0).complete("done");
      assertThat(held.join()).isEqualTo("done");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void byDefaultARendererMayHaveTenThousandCallsInFlight(HostKind kind) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IpcHost.builder().maxCallsInFlight(0));
    assertThat(e).hasMessageThat().contains("maxCallsInFlight must be at least 1");
    List<CompletableFuture<Object>> stages = new CopyOnWriteArrayList<>();
    try (IpcHost host = kind.open(); LogCapture log = new LogCapture().quiet()) {
      host.ipcMain().handle("slow", (event, args) -> {
        CompletableFuture<Object> stage = new CompletableFuture<>();
        stages.add(stage);
        return stage;
      });
      IpcRenderer renderer = host.openRenderer().ipcRenderer();
      List<CompletableFuture<Object>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < IpcHost.DEFAULT_MAX_CALLS_IN_FLIGHT; i++) {
        calls.add(renderer.invoke("slow"));
      }
      Await.until("10,000 calls in flight", () -> stages.size() == 10_000);
      assertThat(failureOf(renderer.invoke("slow"))).hasMessageThat().contains("already has 10,000 calls in flight");
      stages.forEach(stage -> stage.complete("done"));
      for (CompletableFuture<Object> call : calls) {
        assertThat(call.join()).isEqualTo("done");
      }
    }
  }
}
