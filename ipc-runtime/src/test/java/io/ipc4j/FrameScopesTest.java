package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.spi.Codecs;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code WebFrameMain.ipc()}, the frame's own scope (Electron's {@code webFrameMain.ipc} spec): it sees its frame's
 * messages before {@code webContents.ipc()} and {@code ipcMain} do, and its handler answers first.
 */
class FrameScopesTest {
  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theMainFramesScopeReceivesItsMessages(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      WebFrameMain mainFrame = r.webContents().mainFrame();
      Await.Inbox<List<Object>> heard = new Await.Inbox<>();
      mainFrame.ipc().on("test", (event, args) -> heard.put(List.of(args[0], event.senderFrame())));

      r.ipcRenderer().send("test", 42);

      assertThat(heard.take()).containsExactly(42, mainFrame).inOrder();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aListenerOnTheFramesScopeAnswersSendSync(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.webContents().mainFrame().ipc().on("test", (event, args) -> event.setReturnValue((Integer) args[0] * 2));

      assertThat(r.ipcRenderer().sendSync("test", 42)).isEqualTo(84);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theFramesListenerSetsTheSendSyncAnswerBeforeTheOtherScopesRun(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      host.ipcMain().on("test", (event, args) -> event.setReturnValue("global"));
      r.webContents().ipc().on("test", (event, args) -> event.setReturnValue("contents"));
      r.webContents().mainFrame().ipc().on("test", (event, args) -> event.setReturnValue("frame"));

      assertThat(r.ipcRenderer().sendSync("test")).isEqualTo("frame");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aHandlerOnTheFramesScopeAnswersInvoke(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      assertThat(doubledByTheMainFrame(r)).isEqualTo(84);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void listenersRunFrameThenWebContentsThenIpcMainWithOneEvent(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      List<String> order = new CopyOnWriteArrayList<>();
      Await.Inbox<IpcMainEvent> events = new Await.Inbox<>();
      host.ipcMain().on("test", (event, args) -> {
        order.add("ipcMain " + args[0]);
        events.put(event);
      });
      r.webContents().ipc().on("test", (event, args) -> {
        order.add("webContents " + args[0]);
        events.put(event);
      });
      r.webContents().mainFrame().ipc().on("test", (event, args) -> {
        order.add("frame " + args[0]);
        events.put(event);
      });

      r.ipcRenderer().send("test", 42);

      IpcMainEvent first = events.take();
      assertThat(events.take()).isSameInstanceAs(first);
      assertThat(events.take()).isSameInstanceAs(first);
      assertThat(order).containsExactly("frame 42", "webContents 42", "ipcMain 42").inOrder();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theFramesHandlerWinsOverIpcMains(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      host.ipcMain().handle("test", mustNotRun("ipcMain"));
      assertThat(doubledByTheMainFrame(r)).isEqualTo(84);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theFramesHandlerWinsOverWebContentsAndIpcMains(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.webContents().ipc().handle("test", mustNotRun("webContents"));
      host.ipcMain().handle("test", mustNotRun("ipcMain"));
      assertThat(doubledByTheMainFrame(r)).isEqualTo(84);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aFrameScopeWithoutTheHandlerFallsBackToWebContentsThenIpcMain(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      IpcMain frameScope = r.webContents().mainFrame().ipc();
      frameScope.handle("other", (event, args) -> "frame");
      r.webContents().ipc().handle("test", (event, args) -> (Integer) args[0] * 2);
      host.ipcMain().handle("global", (event, args) -> "ipcMain");

      assertThat(r.ipcRenderer().invoke("test", 42).join()).isEqualTo(84);
      assertThat(r.ipcRenderer().invoke("global").join()).isEqualTo("ipcMain");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aHandleOnceOnTheFrameAnswersOneCallThenTheNextScopeAnswers(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.webContents().mainFrame().ipc().handleOnce("test", (event, args) -> "frame");
      host.ipcMain().handle("test", (event, args) -> "ipcMain");

      assertThat(r.ipcRenderer().invoke("test").join()).isEqualTo("frame");
      assertThat(r.ipcRenderer().invoke("test").join()).isEqualTo("ipcMain");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aSecondHandlerOnOneFrameScopeIsRefusedButOtherScopesMayHaveOne(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      IpcMain frameScope = r.webContents().mainFrame().ipc();
      frameScope.handle("test", (event, args) -> 1);
      r.webContents().ipc().handle("test", (event, args) -> 2);
      host.ipcMain().handle("test", (event, args) -> 3);

      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> frameScope.handle("test", (event, args) -> 4));
      assertThat(e).hasMessageThat().isEqualTo("Attempted to register a second handler for 'test'");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aChildFramesMessagesReachItsOwnScopeAndNeverTheMainFrames(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      IpcRenderer child = r.openFrame();
      Await.Inbox<WebFrameMain> senders = new Await.Inbox<>();
      host.ipcMain().once("hello", (event, args) -> senders.put(event.senderFrame()));
      child.send("hello");
      WebFrameMain childFrame = senders.take();
      assertThat(childFrame.frameId()).isEqualTo(child.frameId());

      Await.Inbox<String> heard = new Await.Inbox<>();
      r.webContents().mainFrame().ipc().on("test", (event, args) -> heard.put("main frame " + args[0]));
      childFrame.ipc().on("test", (event, args) -> heard.put("child frame " + args[0]));
      r.webContents().mainFrame().ipc().handle("name", (event, args) -> "main frame");

      child.send("test", 42);
      assertThat(heard.take()).isEqualTo("child frame 42");
      heard.assertEmptyAfter(50);
      r.ipcRenderer().send("test", 7);
      assertThat(heard.take()).isEqualTo("main frame 7");
      heard.assertEmptyAfter(50);

      CompletionException e = assertThrows(CompletionException.class, () -> child.invoke("name").join());
      assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
      assertThat(e).hasCauseThat().hasMessageThat().endsWith("No handler registered for 'name'");
      childFrame.ipc().handle("name", (event, args) -> "child frame");
      assertThat(child.invoke("name").join()).isEqualTo("child frame");
      assertThat(r.ipcRenderer().invoke("name").join()).isEqualTo("main frame");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aFramesScopeIsOneInstanceWhereverTheFrameIsReached(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<IpcMain> scopes = new Await.Inbox<>();
      host.ipcMain().on("hello", (event, args) -> scopes.put(event.senderFrame().ipc()));
      r.ipcRenderer().send("hello");

      IpcMain scope = r.webContents().mainFrame().ipc();
      assertThat(scopes.take()).isSameInstanceAs(scope);
      assertThat(scope).isNotSameInstanceAs(r.webContents().ipc());
      assertThat(scope).isNotSameInstanceAs(host.ipcMain());
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void codecsAddedThroughAFrameScopeAreTheHosts(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer scoped = host.openRenderer();
      Codecs.addTo(scoped.webContents().mainFrame().ipc(), OwnedCodecsTest.CODECS);
      Await.Inbox<Object> received = new Await.Inbox<>();
      host.ipcMain().on("notes:save", (event, args) -> received.put(args[0]));
      IpcRenderer other = host.openRenderer().ipcRenderer();
      Codecs.addTo(other, OwnedCodecsTest.CODECS);
      OwnedCodecsTest.Note note = new OwnedCodecsTest.Note(7, "groceries", OwnedCodecsTest.Priority.HIGH);

      other.send("notes:save", note);

      assertThat(received.take()).isEqualTo(note);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aDestroyedRenderersFrameScopesAreEmptied(HostKind kind) throws InterruptedException {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      IpcMain scope = r.webContents().mainFrame().ipc();
      scope.on("test", (event, args) -> {});
      scope.handle("test", (event, args) -> 1);
      CountDownLatch destroyed = new CountDownLatch(1);
      r.webContents().onDestroyed(destroyed::countDown);

      r.close();

      assertThat(destroyed.await(Await.SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(scope.eventNames()).isEmpty();
      scope.handle("test", (event, args) -> 2); // the first handler is gone, so this is no second one
    }
  }

  /** A handler that fails its call, and the test, if precedence ever lets it run. */
  private static IpcMainHandler mustNotRun(String scope) {
    return (event, args) -> {
      throw new AssertionError("the " + scope + " handler must not run");
    };
  }

  /** Electron's handler case: the main frame's scope doubles 42, the renderer invokes it. */
  private static Object doubledByTheMainFrame(Renderer r) {
    r.webContents().mainFrame().ipc().handle("test", (event, args) -> (Integer) args[0] * 2);
    return r.ipcRenderer().invoke("test", 42).join();
  }
}
