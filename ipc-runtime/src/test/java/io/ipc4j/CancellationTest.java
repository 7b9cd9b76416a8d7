package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A renderer's invoke that is cancelled, or whose deadline passes, reaches the main process: observed on the
 * handler's side (its event, its future), and the deadline the handler sees is the caller's.
 */
class CancellationTest {
  /** What one handler call saw: its event and the future it returned (never completed by the handler). */
  private record Handled(IpcMainInvokeEvent event, CompletableFuture<Object> work) {}

  private static Await.Inbox<Handled> pendingHandler(IpcHost host, String channel) {
    Await.Inbox<Handled> handled = new Await.Inbox<>();
    host.ipcMain().handle(channel, (event, args) -> {
      CompletableFuture<Object> work = new CompletableFuture<>();
      handled.put(new Handled(event, work));
      return work;
    });
    return handled;
  }

  private static void awaitCancelled(Handled h) {
    Cancels.within("the handler's future and event are cancelled",
        () -> h.work().isCancelled() && h.event().isCancelled());
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void cancellingTheCallersFutureCancelsTheHandlersFutureAndMarksItsEvent(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<Handled> handled = pendingHandler(host, "slow");
      CompletableFuture<Object> call = host.openRenderer().ipcRenderer().invoke("slow");
      Handled h = handled.take();
      assertThat(h.event().isCancelled()).isFalse();
      assertThat(call.cancel(true)).isTrue();
      awaitCancelled(h);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theCallersDeadlinePassingCancelsTheHandlersFutureAndMarksItsEvent(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<Handled> handled = pendingHandler(host, "slow");
      CompletableFuture<Object> call =
          host.openRenderer().ipcRenderer().invokeWithTimeout(Duration.ofMillis(300), "slow");
      Handled h = handled.take();
      CompletionException e = assertThrows(CompletionException.class, call::join);
      assertThat(e).hasCauseThat().isInstanceOf(IpcTimeoutException.class);
      awaitCancelled(h);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void interruptingACallerBlockedInJoinCancelsTheHandlersFutureAndMarksItsEvent(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Await.Inbox<Handled> handled = pendingHandler(host, "slow");
      IpcRenderer renderer = host.openRenderer().ipcRenderer();
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      Thread caller = new Thread(() -> { // as a typed client blocks, in join, which an interrupt ends
        try {
          renderer.invoke("slow").join();
        } catch (RuntimeException e) {
          failure.complete(e);
        }
      });
      caller.start();
      Handled h = handled.take();
      caller.interrupt();
      assertThat(failure.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .hasCauseThat().hasMessageThat().isEqualTo("Interrupted while waiting for the reply on 'slow'");
      awaitCancelled(h);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theHandlerSeesTheCallersDeadline(HostKind kind) {
    try (IpcHost host = kind.open(Duration.ofSeconds(3))) {
      Await.Inbox<Instant> deadlines = new Await.Inbox<>();
      host.ipcMain().handle("when", (event, args) -> {
        deadlines.put(event.deadline());
        return null;
      });
      IpcRenderer renderer = host.openRenderer().ipcRenderer();
      Cancels.assertHandlerSeesDeadline(() -> renderer.invokeWithTimeout(Duration.ofSeconds(7), "when").join(),
          deadlines, Duration.ofSeconds(7));
      Cancels.assertHandlerSeesDeadline(() -> renderer.invoke("when").join(), deadlines, Duration.ofSeconds(3));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aCallerThatWaitsCenturiesOrForeverIsServedWithNoDeadlineAndADecadeIsADecade(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<Instant> deadlines = new Await.Inbox<>();
      host.ipcMain().handle("when", (event, args) -> {
        deadlines.put(event.deadline());
        return null;
      });
      IpcRenderer renderer = host.openRenderer().ipcRenderer();
      renderer.invokeWithTimeout(Duration.ofDays(365L * 500), "when").join();
      assertThat(deadlines.take()).isEqualTo(Instant.MAX);
      renderer.invokeWithTimeout(java.time.temporal.ChronoUnit.FOREVER.getDuration(), "when").join();
      assertThat(deadlines.take()).isEqualTo(Instant.MAX);
      Instant before = Instant.now();
      renderer.invokeWithTimeout(Duration.ofDays(3650), "when").join();
      Instant decade = deadlines.take();
      assertThat(decade).isAtLeast(before.plus(Duration.ofDays(3650)).minusSeconds(5));
      assertThat(decade).isAtMost(Instant.now().plus(Duration.ofDays(3650)).plusSeconds(5));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aReplyAfterTheCancelIsDroppedAndTheRendererCarriesOn(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<String> answered = new Await.Inbox<>();
      Await.Inbox<IpcMainInvokeEvent> events = new Await.Inbox<>();
      CompletableFuture<Object> release = new CompletableFuture<>();
      host.ipcMain().handle("late", (event, args) -> {
        events.put(event);
        return Cancels.lateAnswer(release, answered);
      });
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      IpcRenderer renderer = host.openRenderer().ipcRenderer();
      CompletableFuture<Object> call = renderer.invoke("late");
      IpcMainInvokeEvent event = events.take();
      call.cancel(true);
      Await.until("the handler's event is cancelled", event::isCancelled);
      release.complete(null);
      assertThat(answered.take()).isEqualTo("late answer");

      assertThat(renderer.invoke("echo", "still here").join()).isEqualTo("still here");
      assertThat(call.isCancelled()).isTrue();
      assertThrows(CancellationException.class, call::join);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anAnsweredCallIsNeverMarkedCancelled(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<IpcMainInvokeEvent> events = new Await.Inbox<>();
      host.ipcMain().handle("quick", (event, args) -> {
        events.put(event);
        return CompletableFuture.completedFuture("done");
      });
      CompletableFuture<Object> call = host.openRenderer().ipcRenderer().invoke("quick");
      assertThat(call.join()).isEqualTo("done");
      assertThat(call.cancel(true)).isFalse();
      IpcMainInvokeEvent event = events.take();
      assertThat(event.isCancelled()).isFalse();
    }
  }
}
