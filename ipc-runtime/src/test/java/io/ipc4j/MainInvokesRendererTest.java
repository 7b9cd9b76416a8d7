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

/**
 * The main process invokes a renderer (webContents.invoke answered by ipcRenderer.handle): the same rules, texts and
 * failures as ipcMain.handle the other way round, over both hosts.
 */
class MainInvokesRendererTest {
  private static Throwable failureOf(CompletableFuture<?> future) {
    CompletionException e = assertThrows(CompletionException.class,
        () -> future.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join());
    return e.getCause();
  }

  private static Object answerOf(CompletableFuture<?> future) {
    return future.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererHandlerAnswersOnTheRenderersLoopWithItsValue(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<String> threads = new Await.Inbox<>();
      r.ipcRenderer().handle("add", (event, args) -> {
        threads.put(Thread.currentThread().getName());
        assertThat(event.channel()).isEqualTo("add");
        assertThat(event.sender()).isSameInstanceAs(r.ipcRenderer());
        return (Integer) args[0] + (Integer) args[1];
      });
      assertThat(answerOf(r.webContents().invoke("add", 2, 3))).isEqualTo(5);
      assertThat(threads.take()).startsWith("ipc4j-renderer");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void callsBeyondTheCallTablesSlotsEachEndWithTheirOwnAnswerOrDeadline(HostKind kind) {
    int count = 1_500; // more than the 1,024 slots the main side keeps its calls to a renderer in
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      java.util.Map<Integer, CompletableFuture<Object>> held = new java.util.concurrent.ConcurrentHashMap<>();
      r.ipcRenderer().handle("hold", (event, args) -> {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        held.put((Integer) args[0], answer);
        return answer;
      });
      List<CompletableFuture<Object>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < count; i++) {
        calls.add(r.webContents().invoke("hold", i));
      }
      CompletableFuture<Object> late = r.webContents().invokeWithTimeout(Duration.ofMillis(100), "hold", -1);
      assertThat(failureOf(late)).isInstanceOf(IpcTimeoutException.class); // found by its deadline among them all
      Await.until("every call reached the handler", () -> held.size() == count + 1);
      held.forEach((i, answer) -> answer.complete(i * 2));
      for (int i = 0; i < count; i++) {
        assertThat(answerOf(calls.get(i))).isEqualTo(i * 2);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theRendererHandlerGetsCopiesOfTheArgumentsAndTheMainProcessACopyOfTheAnswer(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      CopyRule rule = new CopyRule();
      r.ipcRenderer().handle("copy", (event, args) -> rule.handle(args));
      rule.check(args -> r.webContents().invoke("copy", args));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aCompletionStageAnswersWhenItCompletes(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      CompletableFuture<Object> later = new CompletableFuture<>();
      r.ipcRenderer().handle("later", (event, args) -> later);
      CompletableFuture<Object> answer = r.webContents().invoke("later");
      assertThat(answer.isDone()).isFalse();
      later.complete(List.of("x", 1));
      assertThat(answerOf(answer)).isEqualTo(List.of("x", 1));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aHandlerFailureArrivesInElectronsFormat(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("boom", (event, args) -> {
        throw new IllegalArgumentException("some error");
      });
      r.ipcRenderer().handle("late-boom", (event, args) -> CompletableFuture.supplyAsync(() -> {
        throw new IllegalStateException("async error");
      }));
      Throwable t = failureOf(r.webContents().invoke("boom"));
      assertThat(t).isInstanceOf(IpcInvokeException.class);
      assertThat(t).hasMessageThat()
          .isEqualTo("Error invoking remote method 'boom': java.lang.IllegalArgumentException: some error");
      assertThat(failureOf(r.webContents().invoke("late-boom"))).hasMessageThat()
          .isEqualTo("Error invoking remote method 'late-boom': java.lang.IllegalStateException: async error");
      r.ipcRenderer().handle("unclonable", (event, args) -> new Object());
      assertThat(((IpcInvokeException) failureOf(r.webContents().invoke("unclonable"))).remoteType())
          .isEqualTo(IpcCloneException.class.getName());
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aChannelWithoutAHandlerFailsWithElectronsText(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Throwable t = failureOf(r.webContents().invoke("nobody"));
      assertThat(t).isInstanceOf(IpcInvokeException.class);
      assertThat(t).hasMessageThat().isEqualTo(
          "Error invoking remote method 'nobody': io.ipc4j.IpcException: No handler registered for 'nobody'");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void handleOnceAnswersOneCallAndASecondHandlerIsRefused(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.ipcRenderer().handleOnce("once", (event, args) -> "first");
      IllegalStateException twice = assertThrows(IllegalStateException.class,
          () -> r.ipcRenderer().handle("once", (event, args) -> "second"));
      assertThat(twice).hasMessageThat().isEqualTo("Attempted to register a second handler for 'once'");
      assertThat(answerOf(r.webContents().invoke("once"))).isEqualTo("first");
      assertThat(failureOf(r.webContents().invoke("once"))).hasMessageThat()
          .endsWith("No handler registered for 'once'");
      r.ipcRenderer().handle("once", (event, args) -> "again");
      assertThat(answerOf(r.webContents().invoke("once"))).isEqualTo("again");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void removeHandlerAndClosingARegistrationStopTheAnswers(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("a", (event, args) -> "a");
      IpcRegistration b = r.ipcRenderer().handle("b", (event, args) -> "b");
      r.ipcRenderer().removeHandler("a");
      b.close();
      assertThat(failureOf(r.webContents().invoke("a"))).hasMessageThat().endsWith("No handler registered for 'a'");
      assertThat(failureOf(r.webContents().invoke("b"))).hasMessageThat().endsWith("No handler registered for 'b'");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void webFrameMainInvokeReachesThatFrameAndWebContentsInvokeTheMainFrame(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      IpcRenderer child = r.openFrame();
      r.ipcRenderer().handle("where", (event, args) -> "main");
      child.handle("where", (event, args) -> "child " + event.sender().frameId());
      Await.Inbox<WebFrameMain> frames = new Await.Inbox<>();
      host.ipcMain().on("hello", (event, args) -> frames.put(event.senderFrame()));
      child.send("hello");
      WebFrameMain childFrame = frames.take();
      assertThat(answerOf(childFrame.invoke("where"))).isEqualTo("child " + child.frameId());
      assertThat(answerOf(r.webContents().invoke("where"))).isEqualTo("main");
      assertThat(answerOf(r.webContents().mainFrame().invoke("where"))).isEqualTo("main");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aMainProcessCallThatWaitsForeverIsServedAndItsHandlerSeesNoDeadline(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("when", (event, args) -> event.deadline().toString());
      assertThat(answerOf(r.webContents().invokeWithTimeout(java.time.temporal.ChronoUnit.FOREVER.getDuration(),
          "when"))).isEqualTo(java.time.Instant.MAX.toString());
    }
  }

  /** Code written once against {@link IpcTarget}: asks whichever window or frame it is given where it is. */
  private static Object whereIs(IpcTarget target) {
    assertThat(target.isDestroyed()).isFalse();
    target.send("noted", "asked");
    return answerOf(target.invokeWithTimeout(Duration.ofSeconds(Await.SECONDS), "where"));
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void codeWrittenAgainstIpcTargetServesAWindowAndAFrameAlike(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      IpcRenderer child = r.openFrame();
      Await.Inbox<String> noted = new Await.Inbox<>();
      r.ipcRenderer().handle("where", (event, args) -> "main");
      r.ipcRenderer().on("noted", (event, args) -> noted.put("main " + args[0]));
      child.handle("where", (event, args) -> "child");
      child.on("noted", (event, args) -> noted.put("child " + args[0]));
      Await.Inbox<WebFrameMain> frames = new Await.Inbox<>();
      host.ipcMain().on("hello", (event, args) -> frames.put(event.senderFrame()));
      child.send("hello");

      assertThat(whereIs(r.webContents())).isEqualTo("main");
      assertThat(noted.take()).isEqualTo("main asked");
      assertThat(whereIs(frames.take())).isEqualTo("child");
      assertThat(noted.take()).isEqualTo("child asked");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theHostsDefaultDeadlineTimesTheCallOutAndALateAnswerIsDropped(HostKind kind) {
    try (IpcHost host = kind.open(Duration.ofMillis(200))) {
      Renderer r = host.openRenderer();
      CompletableFuture<Object> late = new CompletableFuture<>();
      r.ipcRenderer().handleOnce("slow", (event, args) -> late);
      CompletableFuture<Object> call = r.webContents().invoke("slow");
      Throwable t = failureOf(call);
      assertThat(t).isInstanceOf(IpcTimeoutException.class);
      assertThat(((IpcTimeoutException) t).timeout()).isEqualTo(Duration.ofMillis(200));
      late.complete("too late");
      r.ipcRenderer().handle("next", (event, args) -> "next");
      assertThat(answerOf(r.webContents().invoke("next"))).isEqualTo("next");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void invokeWithTimeoutUsesItsOwnDeadline(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("never", (event, args) -> new CompletableFuture<>());
      Throwable t = failureOf(r.webContents().invokeWithTimeout(Duration.ofMillis(100), "never"));
      assertThat(((IpcTimeoutException) t).timeout()).isEqualTo(Duration.ofMillis(100));
      assertThrows(IllegalArgumentException.class,
          () -> r.webContents().invokeWithTimeout(Duration.ZERO, "never"));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void closingTheRendererFailsItsPendingCallsAndLaterOnes(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("never", (event, args) -> new CompletableFuture<>());
      CompletableFuture<Object> pending = r.webContents().invoke("never");
      r.close();
      assertThat(failureOf(pending)).isInstanceOf(IpcDisconnectedException.class);
      assertThat(failureOf(r.webContents().invoke("never"))).isInstanceOf(IpcDisconnectedException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aClosingRendererSendsNoAnswerForTheStagesItCancels(HostKind kind) {
    try (IpcHost host = kind.open()) {
      for (int i = 0; i < 200; i++) {
        Renderer r = host.openRenderer();
        Await.Inbox<Boolean> handled = new Await.Inbox<>();
        r.ipcRenderer().handle("never", (event, args) -> {
          handled.put(true);
          return new CompletableFuture<>();
        });
        CompletableFuture<Object> pending = r.webContents().invoke("never");
        handled.take(); // the stage exists: closing cancels it, and its cancellation must not answer the call
        r.close();
        assertThat(failureOf(pending)).isInstanceOf(IpcDisconnectedException.class);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void closingTheHostFailsPendingCalls(HostKind kind) {
    IpcHost host = kind.open();
    Renderer r = host.openRenderer();
    r.ipcRenderer().handle("never", (event, args) -> new CompletableFuture<>());
    CompletableFuture<Object> pending = r.webContents().invoke("never");
    host.close();
    assertThat(failureOf(pending)).isInstanceOf(IpcDisconnectedException.class);
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anArgumentWithNoCodecFailsTheFutureAndNothingIsSent(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      AtomicInteger calls = new AtomicInteger();
      r.ipcRenderer().handle("c", (event, args) -> calls.incrementAndGet());
      assertThat(failureOf(r.webContents().invoke("c", new Object()))).isInstanceOf(IpcCloneException.class);
      assertThat(answerOf(r.webContents().invoke("c"))).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void callbacksOfTheFutureRunOnTheMainLoopEvenWhenAddedAfterTheAnswer(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      CompletableFuture<Object> gate = new CompletableFuture<>();
      r.ipcRenderer().handle("gated", (event, args) -> gate);
      CompletableFuture<String> thread = r.webContents().invoke("gated")
          .thenApply(value -> Thread.currentThread().getName());
      CompletableFuture<String> failedThread = r.webContents().invoke("none")
          .handle((value, failure) -> Thread.currentThread().getName());
      gate.complete("open");
      assertThat(answerOf(thread)).isEqualTo("ipc4j-main");
      assertThat(answerOf(failedThread)).isEqualTo("ipc4j-main");
      CompletableFuture<Object> answered = r.webContents().invoke("gated");
      assertThat(answerOf(answered)).isEqualTo("open");
      assertThat(answerOf(answered.thenApply(value -> Thread.currentThread().getName()))).isEqualTo("ipc4j-main");
      assertThat(answerOf(answered.whenComplete((value, failure) -> { }).handle(
          (value, failure) -> Thread.currentThread().getName()))).isEqualTo("ipc4j-main");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void blockingOnTheAnswerOnTheMainLoopFailsAtOnceAndSaysToReturnTheFuture(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("slow", (event, args) -> new CompletableFuture<>());
      host.ipcMain().handle("blocks", (event, args) -> event.sender().invoke("slow").thenApply(v -> v).join());
      host.ipcMain().handle("gets", (event, args) -> event.sender().invoke("slow").get());
      for (String channel : List.of("blocks", "gets")) {
        IpcInvokeException e = (IpcInvokeException) failureOf(r.ipcRenderer().invoke(channel));
        assertThat(e.remoteType()).isEqualTo(IpcException.class.getName());
        assertThat(e.remoteMessage()).contains("Return the future from the handler");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aMainHandlerChainsByReturningTheRenderersAnswer(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("double", (event, args) -> (Integer) args[0] * 2);
      host.ipcMain().handle("ask-back", (event, args) -> event.sender().invoke("double", args[0]));
      assertThat(answerOf(r.ipcRenderer().invoke("ask-back", 21))).isEqualTo(42);
    }
  }
}
