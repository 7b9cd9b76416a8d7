package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cancellation and deadlines from the main process to a renderer, and a side that goes while the other's handlers
 * still work: observed on the handler's side (its event, the future it returned), over both hosts.
 */
class RendererCancellationTest {
  /** What one renderer handler call saw: its event and the future it returned (never completed by the handler). */
  private record Handled(IpcRendererEvent event, CompletableFuture<Object> work) {
    BooleanSupplier cancelled() {
      return () -> work.isCancelled() && event.isCancelled();
    }
  }

  /** What one main handler call saw. */
  private record MainHandled(IpcMainInvokeEvent event, CompletableFuture<Object> work) {
    BooleanSupplier cancelled() {
      return () -> work.isCancelled() && event.isCancelled();
    }
  }

  private static Await.Inbox<Handled> pendingHandler(Renderer renderer, String channel) {
    Await.Inbox<Handled> handled = new Await.Inbox<>();
    renderer.ipcRenderer().handle(channel, (event, args) -> {
      CompletableFuture<Object> work = new CompletableFuture<>();
      handled.put(new Handled(event, work));
      return work;
    });
    return handled;
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void cancellingTheMainProcesssFutureCancelsTheRendererHandlersFutureAndMarksItsEvent(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<Handled> handled = pendingHandler(r, "slow");
      CompletableFuture<Object> call = r.webContents().invoke("slow");
      Handled h = handled.take();
      assertThat(h.event().isCancelled()).isFalse();
      assertThat(call.cancel(true)).isTrue();
      Cancels.within("the renderer handler's future and event are cancelled", h.cancelled());
      assertThrows(CancellationException.class, call::join);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theDeadlinePassingCancelsTheRendererHandlersFutureAndMarksItsEvent(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<Handled> handled = pendingHandler(r, "slow");
      CompletableFuture<Object> call = r.webContents().invokeWithTimeout(Duration.ofMillis(300), "slow");
      Handled h = handled.take();
      CompletionException e = assertThrows(CompletionException.class,
          () -> call.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join());
      assertThat(e).hasCauseThat().isInstanceOf(IpcTimeoutException.class);
      Cancels.within("the renderer handler's future and event are cancelled", h.cancelled());
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theRendererHandlerSeesTheMainProcesssDeadline(HostKind kind) {
    try (IpcHost host = kind.open(Duration.ofSeconds(3))) {
      Renderer r = host.openRenderer();
      Await.Inbox<Instant> deadlines = new Await.Inbox<>();
      r.ipcRenderer().handle("when", (event, args) -> {
        deadlines.put(event.deadline());
        return null;
      });
      Cancels.assertHandlerSeesDeadline(() -> r.webContents().invokeWithTimeout(Duration.ofSeconds(7), "when")
          .orTimeout(Await.SECONDS, TimeUnit.SECONDS).join(), deadlines, Duration.ofSeconds(7));
      Cancels.assertHandlerSeesDeadline(() -> r.webContents().mainFrame().invoke("when")
          .orTimeout(Await.SECONDS, TimeUnit.SECONDS).join(), deadlines, Duration.ofSeconds(3));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererReplyAfterTheCancelIsDroppedAndTheRendererCarriesOn(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<String> answered = new Await.Inbox<>();
      Await.Inbox<IpcRendererEvent> events = new Await.Inbox<>();
      CompletableFuture<Object> release = new CompletableFuture<>();
      r.ipcRenderer().handle("late", (event, args) -> {
        events.put(event);
        return Cancels.lateAnswer(release, answered);
      });
      r.ipcRenderer().handle("echo", (event, args) -> args[0]);
      CompletableFuture<Object> call = r.webContents().invoke("late");
      IpcRendererEvent event = events.take();
      assertThat(call.cancel(true)).isTrue();
      Cancels.within("the renderer handler's event is cancelled", event::isCancelled);
      release.complete(null);
      assertThat(answered.take()).isEqualTo("late answer");

      assertThat(r.webContents().invoke("echo", "still here").orTimeout(Await.SECONDS, TimeUnit.SECONDS).join())
          .isEqualTo("still here");
      assertThat(call.isCancelled()).isTrue();
      assertThrows(CancellationException.class, call::join);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anAnsweredCallIsNeverMarkedCancelledAndAListenersMessageHasNoDeadline(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<IpcRendererEvent> events = new Await.Inbox<>();
      r.ipcRenderer().handle("quick", (event, args) -> {
        events.put(event);
        return CompletableFuture.completedFuture("done");
      });
      r.ipcRenderer().on("note", (event, args) -> events.put(event));
      CompletableFuture<Object> call = r.webContents().invoke("quick");
      assertThat(call.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join()).isEqualTo("done");
      assertThat(call.cancel(true)).isFalse();
      assertThat(events.take().isCancelled()).isFalse();

      r.webContents().send("note");
      IpcRendererEvent message = events.take();
      assertThat(message.isCancelled()).isFalse();
      assertThat(message.deadline()).isEqualTo(Instant.MAX);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererClosedWhileMainHandlersWorkOnItsInvokesCancelsThem(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<MainHandled> handled = new Await.Inbox<>();
      host.ipcMain().handle("slow", (event, args) -> {
        CompletableFuture<Object> work = new CompletableFuture<>();
        handled.put(new MainHandled(event, work));
        return work;
      });
      Renderer closing = host.openRenderer();
      closing.ipcRenderer().invoke("slow");
      MainHandled fromClosed = handled.take();
      Renderer destroyed = host.openRenderer();
      destroyed.ipcRenderer().invoke("slow");
      MainHandled fromDestroyed = handled.take();
      Renderer staying = host.openRenderer();
      staying.ipcRenderer().invoke("slow");
      MainHandled fromStaying = handled.take();

      closing.close(); // the renderer's side ends first, as when its process goes
      destroyed.webContents().close(); // the main process closes it
      Cancels.within("the closed renderer's main handler is cancelled", fromClosed.cancelled());
      Cancels.within("the destroyed renderer's main handler is cancelled", fromDestroyed.cancelled());
      assertThat(fromStaying.event().isCancelled()).isFalse();
      assertThat(fromStaying.work().isDone()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRenderersHandlersStillWorkingAreCancelledWhenItIsClosedOrTheHostCloses(HostKind kind) {
    Handled whenHostCloses;
    try (IpcHost host = kind.open()) {
      Renderer closed = host.openRenderer();
      Await.Inbox<Handled> onClosed = pendingHandler(closed, "slow");
      CompletableFuture<Object> call = closed.webContents().invoke("slow");
      Handled whenClosed = onClosed.take();
      closed.webContents().close();
      Cancels.within("the closed renderer's handler is cancelled", whenClosed.cancelled());
      CompletionException e = assertThrows(CompletionException.class,
          () -> call.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join());
      assertThat(e).hasCauseThat().isInstanceOf(IpcDisconnectedException.class);

      Renderer open = host.openRenderer();
      Await.Inbox<Handled> onHostClose = pendingHandler(open, "slow");
      open.webContents().invoke("slow");
      whenHostCloses = onHostClose.take();
      assertThat(whenHostCloses.event().isCancelled()).isFalse();
    }
    Cancels.within("the handler of a renderer whose host closed is cancelled", whenHostCloses.cancelled());
  }
}
