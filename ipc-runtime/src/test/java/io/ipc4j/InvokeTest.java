package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** invoke / handle, ported from Electron's api-ipc-spec "invoke" cases, plus ipc4j's typed-error promises. */
class InvokeTest {
  private static Throwable failureOf(CompletableFuture<?> future) {
    CompletionException e = assertThrows(CompletionException.class, future::join);
    return e.getCause();
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void invokeReceivesTheHandlersValue(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handleOnce("test", (event, args) -> {
        assertThat(args).asList().containsExactly(123);
        return 3;
      });
      assertThat(host.openRenderer().ipcRenderer().invoke("test", 123).join()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void asyncHandlerReplyArrivesWhenItCompletes(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("test", (event, args) ->
          CompletableFuture.supplyAsync(() -> (Integer) args[0] * 2));
      assertThat(host.openRenderer().ipcRenderer().invoke("test", 21).join()).isEqualTo(42);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void handlerReturningNothingResolvesToNull(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("test", (event, args) -> null);
      assertThat(host.openRenderer().ipcRenderer().invoke("test").join()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void handlerExceptionArrivesInElectronsFormatWithTypeAndMessage(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handleOnce("test", (event, args) -> {
        throw new IllegalArgumentException("some error");
      });
      Throwable t = failureOf(host.openRenderer().ipcRenderer().invoke("test"));
      assertThat(t).isInstanceOf(IpcInvokeException.class);
      assertThat(t).hasMessageThat()
          .isEqualTo("Error invoking remote method 'test': java.lang.IllegalArgumentException: some error");
      IpcInvokeException e = (IpcInvokeException) t;
      assertThat(e.channel()).isEqualTo("test");
      assertThat(e.remoteType()).isEqualTo("java.lang.IllegalArgumentException");
      assertThat(e.remoteMessage()).isEqualTo("some error");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void asyncHandlerFailureArrivesUnwrapped(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("test", (event, args) ->
          CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("some error");
          }));
      IpcInvokeException e =
          (IpcInvokeException) failureOf(host.openRenderer().ipcRenderer().invoke("test"));
      assertThat(e.remoteType()).isEqualTo("java.lang.IllegalStateException");
      assertThat(e).hasMessageThat().contains("some error");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void exceptionWithoutMessageKeepsItsType(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("test", (event, args) -> {
        throw new UnsupportedOperationException();
      });
      IpcInvokeException e =
          (IpcInvokeException) failureOf(host.openRenderer().ipcRenderer().invoke("test"));
      assertThat(e).hasMessageThat()
          .isEqualTo("Error invoking remote method 'test': java.lang.UnsupportedOperationException");
      assertThat(e.remoteMessage()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void invokeWithoutHandlerFailsWithElectronMessage(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Throwable t = failureOf(host.openRenderer().ipcRenderer().invoke("test"));
      assertThat(t).isInstanceOf(IpcInvokeException.class);
      assertThat(t).hasMessageThat().startsWith("Error invoking remote method 'test': ");
      assertThat(t).hasMessageThat().endsWith("No handler registered for 'test'");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void removedHandlerIsNotCalled(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("test", (event, args) -> 1);
      host.ipcMain().removeHandler("test");
      assertThat(failureOf(host.openRenderer().ipcRenderer().invoke("test")))
          .hasMessageThat().contains("No handler registered for 'test'");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void handleOnceIsRemovedBeforeItRunsEvenWhenItThrows(HostKind kind) {
    try (IpcHost host = kind.open()) {
      AtomicInteger calls = new AtomicInteger();
      host.ipcMain().handleOnce("test", (event, args) -> {
        calls.incrementAndGet();
        throw new IllegalStateException("boom");
      });
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      assertThat(failureOf(ipc.invoke("test"))).hasMessageThat().contains("boom");
      assertThat(failureOf(ipc.invoke("test"))).hasMessageThat().contains("No handler registered");
      assertThat(calls.get()).isEqualTo(1);
      host.ipcMain().handle("test", (event, args) -> "again"); // the channel is free once it fired
      assertThat(ipc.invoke("test").join()).isEqualTo("again");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void handleOnceQueuedTwiceAnswersOnlyTheFirst(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handleOnce("test", (event, args) -> "first");
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      CompletableFuture<Object> one = ipc.invoke("test");
      CompletableFuture<Object> two = ipc.invoke("test");
      assertThat(one.join()).isEqualTo("first");
      assertThat(failureOf(two)).hasMessageThat().contains("No handler registered for 'test'");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void invokeNeverReachesListeners(HostKind kind) {
    try (IpcHost host = kind.open()) {
      AtomicInteger listened = new AtomicInteger();
      host.ipcMain().on("test", (event, args) -> listened.incrementAndGet());
      host.ipcMain().handle("test", (event, args) -> "handled");
      assertThat(host.openRenderer().ipcRenderer().invoke("test").join()).isEqualTo("handled");
      assertThat(listened.get()).isEqualTo(0);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void handlerSeesTheSender(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("who", (event, args) ->
          java.util.List.of(event.sender().id(), event.processId(), event.frameId(), event.channel()));
      Renderer r = host.openRenderer();
      assertThat(r.ipcRenderer().invoke("who").join()).isEqualTo(
          java.util.List.of(r.webContents().id(), r.webContents().mainFrame().processId(), 1, "who"));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void handlerThatNeverAnswersEndsAtTheDeadline(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("test", (event, args) -> new CompletableFuture<>());
      Throwable t = failureOf(
          host.openRenderer().ipcRenderer().invokeWithTimeout(Duration.ofMillis(100), "test"));
      assertThat(t).isInstanceOf(IpcTimeoutException.class);
      assertThat(t).hasMessageThat().contains("'test'");
      assertThat(t).hasMessageThat().contains("100 ms");
      assertThat(((IpcTimeoutException) t).timeout()).isEqualTo(Duration.ofMillis(100));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void unencodableResultFailsTheCallWithTheCloneMessage(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("test", (event, args) -> new Thread());
      Throwable t = failureOf(host.openRenderer().ipcRenderer().invoke("test"));
      assertThat(t).isInstanceOf(IpcInvokeException.class);
      assertThat(t).hasMessageThat().startsWith(
          "Error invoking remote method 'test': io.ipc4j.IpcCloneException: An object could not be cloned.");
      assertThat(t).hasMessageThat().contains("java.lang.Thread");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void invokeWithUnencodableArgumentFailsTheFutureAndSendsNothing(HostKind kind) {
    try (IpcHost host = kind.open()) {
      AtomicInteger handled = new AtomicInteger();
      host.ipcMain().handle("test", (event, args) -> handled.incrementAndGet());
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      CompletableFuture<Object> f = ipc.invoke("test", 1, new Object());
      Throwable t = failureOf(f);
      assertThat(t).isInstanceOf(IpcCloneException.class);
      assertThat(t).hasMessageThat().startsWith("An object could not be cloned.");
      assertThat(((IpcCloneException) t).path()).isEqualTo("[1]");
      assertThat(ipc.invoke("test").join()).isEqualTo(1); // the failed call never reached the handler
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void cancellingAnInvokeAbandonsIt(HostKind kind) {
    try (IpcHost host = kind.open()) {
      CompletableFuture<Object> gate = new CompletableFuture<>();
      host.ipcMain().handle("slow", (event, args) -> gate);
      CompletableFuture<Object> call = host.openRenderer().ipcRenderer().invoke("slow");
      assertThat(call.cancel(true)).isTrue();
      gate.complete("late"); // a late reply is dropped
      assertThat(call.isCancelled()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aFutureWhoseTimedGetGaveUpStillCompletesAndRunsItsCallbacksWhenTheReplyComes(HostKind kind)
      throws Exception {
    try (IpcHost host = kind.open()) {
      CompletableFuture<Void> release = new CompletableFuture<>();
      host.ipcMain().handle("slow", (event, args) -> release.thenApply(v -> "late"));
      CompletableFuture<Object> reply = host.openRenderer().ipcRenderer().invoke("slow");
      Await.Inbox<Object> callback = new Await.Inbox<>();
      reply.thenAccept(callback::put);
      assertThrows(java.util.concurrent.TimeoutException.class,
          () -> reply.get(50, java.util.concurrent.TimeUnit.MILLISECONDS));
      release.complete(null);
      assertThat(callback.take()).isEqualTo("late");
      assertThat(reply.join()).isEqualTo("late");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aCallNobodyWaitsOnStillEndsAtItsDeadlineAfterTheProcessWasIdle(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("never", (event, args) -> new CompletableFuture<>());
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      for (int i = 0; i < 2; i++) {
        Thread.sleep(50); // no call pending: the deadline thread goes to sleep, and the next call must wake it
        Await.Inbox<Throwable> failed = new Await.Inbox<>();
        ipc.invokeWithTimeout(Duration.ofMillis(100), "never").whenComplete((value, t) -> failed.put(t));
        Throwable t = failed.take();
        assertThat(t).isInstanceOf(IpcTimeoutException.class);
        assertThat(t).hasMessageThat().contains("'never'");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theHandlerGetsCopiesOfTheArgumentsAsTheyWereWhenInvokeReturnedAndTheCallerACopyOfTheAnswer(HostKind kind) {
    try (IpcHost host = kind.open()) {
      CopyRule rule = new CopyRule();
      host.ipcMain().handle("copy", (event, args) -> rule.handle(args));
      IpcRenderer renderer = host.openRenderer().ipcRenderer();
      rule.check(args -> renderer.invoke("copy", args));
    }
  }
}
