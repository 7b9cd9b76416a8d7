package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link IpcInterceptor}s on the host builder: they see each message from a renderer, with its sender, before any
 * listener or handler; may reject it (its caller fails in Electron's words, a send is dropped and logged); may time
 * it; and nothing they throw stops the main loop.
 */
class InterceptorTest {
  private static IpcHost open(HostKind kind, IpcInterceptor... interceptors) {
    IpcHost.Builder builder = IpcHost.builder();
    for (IpcInterceptor interceptor : interceptors) {
      builder.interceptor(interceptor);
    }
    return kind.open(builder);
  }

  /** A host whose one interceptor puts how each message ended into {@code failures}: "null", or its failure. */
  private static IpcHost reporting(HostKind kind, Await.Inbox<String> failures) {
    return open(kind, m -> (duration, failure) -> failures.put(String.valueOf(failure)));
  }

  /** Rejects every message on {@code channel}. */
  private static IpcInterceptor refusing(String channel) {
    return message -> {
      if (message.channel().equals(channel)) {
        throw new SecurityException("not from you");
      }
      return null;
    };
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void interceptorsRunInTheOrderAddedBeforeEveryScopesListeners(HostKind kind) {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (IpcHost host = open(kind, m -> seen.add("first " + m.kind()) ? null : null,
        m -> seen.add("second " + m.kind()) ? null : null)) {
      Renderer r = host.openRenderer();
      Await.Inbox<String> done = new Await.Inbox<>();
      r.webContents().mainFrame().ipc().on("ch", (event, args) -> seen.add("frame"));
      r.webContents().ipc().on("ch", (event, args) -> seen.add("webContents"));
      host.ipcMain().on("ch", (event, args) -> done.put("ipcMain"));

      r.ipcRenderer().send("ch");

      assertThat(done.take()).isEqualTo("ipcMain");
      assertThat(seen).containsExactly("first SEND", "second SEND", "frame", "webContents").inOrder();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void interceptorsRunBeforeTheHandlerOfAnInvokeAndASendSync(HostKind kind) {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (IpcHost host = open(kind, m -> seen.add(m.kind() + " " + m.channel()) ? null : null)) {
      host.ipcMain().handle("get", (event, args) -> seen.add("handler") ? "value" : null);
      host.ipcMain().on("sync", (event, args) -> event.setReturnValue(seen.add("listener")));
      IpcRenderer ipc = host.openRenderer().ipcRenderer();

      assertThat(ipc.invoke("get").join()).isEqualTo("value");
      assertThat(ipc.sendSync("sync")).isEqualTo(true);

      assertThat(seen).containsExactly("INVOKE get", "handler", "SEND_SYNC sync", "listener").inOrder();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void seesTheSenderItsFrameAndTheDecodedArguments(HostKind kind) {
    Await.Inbox<IpcIncoming> seen = new Await.Inbox<>();
    try (IpcHost host = open(kind, m -> {
      seen.put(m);
      return null;
    })) {
      Renderer r = host.openRenderer();
      IpcRenderer child = r.openFrame();
      host.ipcMain().on("hello", (event, args) -> {});

      child.send("hello", 42, "text", List.of(1, 2));

      IpcIncoming message = seen.take();
      assertThat(message.kind()).isEqualTo(IpcIncoming.Kind.SEND);
      assertThat(message.channel()).isEqualTo("hello");
      assertThat(message.sender()).isSameInstanceAs(r.webContents());
      assertThat(message.processId()).isEqualTo(r.webContents().mainFrame().processId());
      assertThat(message.frameId()).isEqualTo(2);
      assertThat(message.senderFrame().frameId()).isEqualTo(2);
      assertThat(message.args()).containsExactly(42, "text", List.of(1, 2)).inOrder();
      assertThrows(UnsupportedOperationException.class, () -> message.args().set(0, 7));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void tellsTwoRenderersApartByTheIdsTheHostGaveThem(HostKind kind) {
    Await.Inbox<WebContents> senders = new Await.Inbox<>();
    try (IpcHost host = open(kind, m -> {
      senders.put(m.sender());
      return null;
    })) {
      host.ipcMain().handle("who", (event, args) -> event.sender().id());
      Renderer first = host.openRenderer();
      Renderer second = host.openRenderer();

      assertThat(second.ipcRenderer().invoke("who").join()).isEqualTo(second.webContents().id());
      assertThat(senders.take()).isSameInstanceAs(second.webContents());
      first.ipcRenderer().invoke("who").join();
      assertThat(senders.take()).isSameInstanceAs(first.webContents());
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRejectedInvokeFailsWithElectronsMessageAndNoHandlerIsUsedUp(HostKind kind) {
    AtomicInteger handled = new AtomicInteger();
    AtomicBoolean refuse = new AtomicBoolean(true);
    try (IpcHost host = open(kind, m -> refuse.get() ? refusing("secret").intercept(m) : null)) {
      host.ipcMain().handleOnce("secret", (event, args) -> handled.incrementAndGet());
      IpcRenderer ipc = host.openRenderer().ipcRenderer();

      CompletionException e = assertThrows(CompletionException.class, () -> ipc.invoke("secret", 1).join());

      assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
      assertThat(e).hasCauseThat().hasMessageThat()
          .isEqualTo("Error invoking remote method 'secret': java.lang.SecurityException: not from you");
      IpcInvokeException failure = (IpcInvokeException) e.getCause();
      assertThat(failure.remoteType()).isEqualTo("java.lang.SecurityException");
      assertThat(failure.remoteMessage()).isEqualTo("not from you");
      assertThat(handled.get()).isEqualTo(0);
      refuse.set(false);
      assertThat(ipc.invoke("secret", 2).join()).isEqualTo(1); // the handleOnce handler was still there
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRejectedSendSyncFailsWithTheSameWords(HostKind kind) {
    AtomicInteger heard = new AtomicInteger();
    try (IpcHost host = open(kind, refusing("secret"))) {
      host.ipcMain().on("secret", (event, args) -> event.setReturnValue(heard.incrementAndGet()));
      IpcRenderer ipc = host.openRenderer().ipcRenderer();

      IpcInvokeException e = assertThrows(IpcInvokeException.class, () -> ipc.sendSync("secret"));

      assertThat(e).hasMessageThat()
          .isEqualTo("Error invoking remote method 'secret': java.lang.SecurityException: not from you");
      assertThat(heard.get()).isEqualTo(0);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRejectedSendIsDroppedAndLoggedAndLaterMessagesGoOn(HostKind kind) {
    List<String> heard = new CopyOnWriteArrayList<>();
    Await.Inbox<String> after = new Await.Inbox<>();
    try (LogCapture log = new LogCapture().quiet(); IpcHost host = open(kind, refusing("secret"))) {
      host.ipcMain().on("secret", (event, args) -> heard.add("secret"));
      host.ipcMain().on("open", (event, args) -> after.put("open"));
      IpcRenderer ipc = host.openRenderer().ipcRenderer();

      ipc.send("secret");
      ipc.send("open");

      assertThat(after.take()).isEqualTo("open"); // messages are handled in order: the rejected one is done
      assertThat(heard).isEmpty();
      List<java.util.logging.LogRecord> warnings = log.warningsContaining("an interceptor rejected a send on 'secret'");
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0).getThrown()).isInstanceOf(SecurityException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aLaterInterceptorsRejectionEndsTheEarlierOnesCompletionAndSkipsTheRest(HostKind kind) {
    Await.Inbox<Throwable> outcome = new Await.Inbox<>();
    AtomicInteger third = new AtomicInteger();
    try (IpcHost host = open(kind, m -> (took, failure) -> outcome.put(failure), refusing("secret"),
        m -> third.incrementAndGet() > 0 ? null : null)) {
      host.ipcMain().handle("secret", (event, args) -> "never");
      IpcRenderer ipc = host.openRenderer().ipcRenderer();

      assertThrows(CompletionException.class, () -> ipc.invoke("secret").join());

      assertThat(outcome.take()).isInstanceOf(SecurityException.class);
      assertThat(third.get()).isEqualTo(0);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aCompletionSeesHowLongAnInvokeTookAndHowItEnded(HostKind kind) {
    Await.Inbox<Duration> took = new Await.Inbox<>();
    Await.Inbox<String> failures = new Await.Inbox<>();
    try (IpcHost host = open(kind, m -> (duration, failure) -> {
      took.put(duration);
      failures.put(failure == null ? "none" : failure.getMessage());
    })) {
      host.ipcMain().handle("slow", (event, args) ->
          CompletableFuture.supplyAsync(() -> "late", CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS)));
      host.ipcMain().handle("broken", (event, args) -> {
        throw new IllegalStateException("broken handler");
      });
      IpcRenderer ipc = host.openRenderer().ipcRenderer();

      assertThat(ipc.invoke("slow").join()).isEqualTo("late");
      assertThat(took.take()).isAtLeast(Duration.ofMillis(150));
      assertThat(failures.take()).isEqualTo("none");

      assertThrows(CompletionException.class, () -> ipc.invoke("broken").join());
      took.take();
      assertThat(failures.take())
          .isEqualTo("Error invoking remote method 'broken': java.lang.IllegalStateException: broken handler");

      assertThrows(CompletionException.class, () -> ipc.invoke("nobody").join());
      took.take();
      assertThat(failures.take()).contains("No handler registered for 'nobody'");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anInvokeWhoseRendererGoesBeforeItsStageEndsIsCompletedOnceAsDisconnected(HostKind kind) {
    for (boolean cancellable : new boolean[] {true, false}) {
      Await.Inbox<String> failures = new Await.Inbox<>();
      try (IpcHost host = reporting(kind, failures)) {
        CompletableFuture<Object> stage = new CompletableFuture<>();
        Await.Inbox<Boolean> handled = new Await.Inbox<>();
        host.ipcMain().handle("held", (event, args) -> {
          handled.put(true);
          return cancellable ? stage : stage.minimalCompletionStage(); // a minimal stage cannot be cancelled
        });
        Renderer renderer = host.openRenderer();
        CompletableFuture<Object> call = renderer.ipcRenderer().invoke("held");
        handled.take();
        renderer.close();
        assertThrows(CompletionException.class, call::join);
        // The renderer's side fails its call at once; the host sees it go a moment later (over a socket, at its end
        // of stream): the invoke ends then, however its stage ends afterwards.
        assertThat(failures.take()).isEqualTo(IpcDisconnectedException.class.getName() + ": "
            + renderer.webContents() + " went before 'held' was answered");
        stage.complete("too late");
        failures.assertEmptyAfter(300);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aCallWhoseRendererGoesWhileItsHandlerRunsIsCompletedAsDisconnected(HostKind kind) {
    Await.Inbox<String> failures = new Await.Inbox<>();
    try (IpcHost host = reporting(kind, failures)) {
      Await.Inbox<Boolean> handled = new Await.Inbox<>();
      host.ipcMain().handle("slow", (event, args) -> {
        handled.put(true);
        awaitGone(event.sender());
        return "answered to nobody";
      });
      host.ipcMain().on("slow-sync", (event, args) -> {
        handled.put(true);
        awaitGone(event.sender());
        event.setReturnValue("answered to nobody");
      });
      Renderer renderer = host.openRenderer();
      renderer.ipcRenderer().invoke("slow");
      handled.take();
      renderer.close();
      // Its answer is dropped: the invoke ended as its renderer's going did, not as a success.
      assertThat(failures.take()).isEqualTo(IpcDisconnectedException.class.getName() + ": "
          + renderer.webContents() + " went before 'slow' was answered");
      failures.assertEmptyAfter(300);

      // So does a sendSync (its caller blocks on a thread of its own, which the renderer's close releases).
      Renderer syncRenderer = host.openRenderer();
      CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> syncRenderer.ipcRenderer()
          .sendSync("slow-sync"));
      handled.take();
      syncRenderer.close();
      assertThrows(CompletionException.class, blocked::join);
      assertThat(failures.take()).isEqualTo(IpcDisconnectedException.class.getName() + ": "
          + syncRenderer.webContents() + " went before 'slow-sync' was answered");
      failures.assertEmptyAfter(300);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aSendSyncKeptUnansweredEndsOnceWhenAnsweredOrWhenItsCallerStopsWaitingFirst(HostKind kind) {
    Await.Inbox<String> failures = new Await.Inbox<>();
    try (IpcHost host = reporting(kind, failures)) {
      Await.Inbox<IpcMainEvent> kept = new Await.Inbox<>();
      host.ipcMain().on("later", (event, args) -> kept.put(event)); // its listener means to answer later
      Renderer renderer = host.openRenderer();
      IpcRenderer ipc = renderer.ipcRenderer();

      // Its caller's deadline passes first: it ends then, as cancelled.
      assertThrows(IpcTimeoutException.class, () -> ipc.sendSyncWithTimeout(Duration.ofMillis(100), "later"));
      IpcMainEvent timedOut = kept.take();
      assertThat(failures.take()).isEqualTo(
          "java.util.concurrent.CancellationException: The caller of 'later' stopped waiting for its answer");
      timedOut.setReturnValue("too late"); // its answer finds no call: not reported again
      failures.assertEmptyAfter(300);

      // Answered in time, later than its listener returned: it ends then, as a success.
      CompletableFuture<Object> answered = CompletableFuture.supplyAsync(() -> ipc.sendSync("later"));
      IpcMainEvent inTime = kept.take();
      failures.assertEmptyAfter(100); // its listener returned, but the sendSync is not answered yet
      inTime.setReturnValue("in time");
      assertThat(answered.join()).isEqualTo("in time");
      assertThat(failures.take()).isEqualTo("null");

      // Its renderer goes first: it ends then, as disconnected.
      CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> ipc.sendSync("later"));
      IpcMainEvent orphaned = kept.take();
      renderer.close();
      assertThrows(CompletionException.class, blocked::join);
      assertThat(failures.take()).isEqualTo(IpcDisconnectedException.class.getName() + ": "
          + renderer.webContents() + " went before 'later' was answered");
      orphaned.setReturnValue("answered to nobody"); // too late: not reported again
      failures.assertEmptyAfter(300);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anInvokeItsCallerCancelsIsCompletedOnceAsCancelledThoughItsStageRunsOn(HostKind kind) {
    Await.Inbox<String> failures = new Await.Inbox<>();
    try (IpcHost host = reporting(kind, failures)) {
      Await.Inbox<CompletableFuture<Object>> handled = new Await.Inbox<>();
      host.ipcMain().handle("held", (event, args) -> {
        CompletableFuture<Object> stage = new CompletableFuture<>();
        handled.put(stage);
        return stage.minimalCompletionStage(); // it cannot be cancelled: it runs on after its caller stopped
      });
      host.ipcMain().handle("after", (event, args) -> "answered");
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      CompletableFuture<Object> call = ipc.invoke("held");
      CompletableFuture<Object> stage = handled.take();
      call.cancel(true);

      String cancelled =
          "java.util.concurrent.CancellationException: The caller of 'held' stopped waiting for its answer";
      assertThat(failures.take()).isEqualTo(cancelled);
      stage.complete("too late"); // its answer finds no call: not reported again
      failures.assertEmptyAfter(300);
      assertThat(ipc.invoke("after").join()).isEqualTo("answered");
      assertThat(failures.take()).isEqualTo("null");

      // A deadline that passes is the caller's cancel too.
      CompletableFuture<Object> timed = ipc.invokeWithTimeout(Duration.ofMillis(100), "held");
      CompletableFuture<Object> timedStage = handled.take();
      assertThrows(CompletionException.class, timed::join);
      assertThat(failures.take()).isEqualTo(cancelled);
      timedStage.complete("too late");
      failures.assertEmptyAfter(300);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aCompletionSeesASendsListenersAndASendSyncsAnswer(HostKind kind) {
    Await.Inbox<String> ended = new Await.Inbox<>();
    try (IpcHost host = open(kind, m -> (took, failure) ->
        ended.put(m.kind() + " " + (took.compareTo(Duration.ofMillis(100)) >= 0) + " " + failure))) {
      host.ipcMain().on("work", (event, args) -> sleep(100));
      host.ipcMain().on("failing", (event, args) -> {
        throw new IllegalArgumentException("bad");
      });
      host.ipcMain().on("later", (event, args) ->
          CompletableFuture.runAsync(() -> event.setReturnValue("answer"),
              CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)));
      IpcRenderer ipc = host.openRenderer().ipcRenderer();

      ipc.send("work");
      assertThat(ended.take()).isEqualTo("SEND true null"); // after its 100 ms listener
      ipc.send("failing");
      assertThat(ended.take()).endsWith("java.lang.IllegalArgumentException: bad");
      assertThat(ipc.sendSync("later")).isEqualTo("answer");
      assertThat(ended.take()).isEqualTo("SEND_SYNC true null"); // when the answer went, 100 ms later
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anInterceptorThatThrowsAnErrorRejectsOnlyThatMessageAndTheLoopGoesOn(HostKind kind) {
    AtomicInteger calls = new AtomicInteger();
    try (LogCapture log = new LogCapture().quiet(); IpcHost host = open(kind, m -> {
      if (calls.incrementAndGet() == 1) {
        throw new StackOverflowError("interceptor bug");
      }
      return (took, failure) -> {
        throw new IllegalStateException("completion bug");
      };
    })) {
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      IpcRenderer ipc = host.openRenderer().ipcRenderer();

      CompletionException first = assertThrows(CompletionException.class, () -> ipc.invoke("echo", 1).join());
      assertThat(first).hasCauseThat().hasMessageThat()
          .isEqualTo("Error invoking remote method 'echo': java.lang.StackOverflowError: interceptor bug");
      assertThat(ipc.invoke("echo", 2).join()).isEqualTo(2);
      assertThat(ipc.invoke("echo", 3).join()).isEqualTo(3);
      Await.until("the completion's failure is logged", () -> log.any("an interceptor's completion failed"));
    }
  }

  /**
   * Waits, at most 10 s, until the host has marked {@code renderer} gone, which it does off the main loop: a handler
   * or listener holding the loop can wait for it.
   */
  private static void awaitGone(WebContents renderer) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!renderer.isDestroyed() && System.nanoTime() < until) {
      sleep(5);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
