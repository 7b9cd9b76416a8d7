package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Frames (event.reply vs sender().send) and the WebContents.ipc() scope (Electron's webContents.ipc spec). */
class FramesAndScopesTest {
  @ParameterizedTest
  @EnumSource(HostKind.class)
  void replyReachesTheSendingFrame(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().on("test-echo", (event, args) -> event.reply("test-echo", args[0]));
      Renderer r = host.openRenderer();
      Await.Inbox<String> main = new Await.Inbox<>();
      Await.Inbox<String> child = new Await.Inbox<>();
      IpcRenderer childFrame = r.openFrame();
      r.ipcRenderer().on("test-echo", (event, args) -> main.put((String) args[0]));
      childFrame.on("test-echo", (event, args) -> child.put((String) args[0]));

      childFrame.send("test-echo", "from child");
      r.ipcRenderer().send("test-echo", "from main");

      assertThat(child.take()).isEqualTo("from child");
      assertThat(main.take()).isEqualTo("from main");
      main.assertEmptyAfter(50);
      child.assertEmptyAfter(0);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void senderSendAlwaysReachesTheMainFrame(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().on("ping", (event, args) -> event.sender().send("pong", event.frameId()));
      Renderer r = host.openRenderer();
      Await.Inbox<Integer> main = new Await.Inbox<>();
      Await.Inbox<Integer> child = new Await.Inbox<>();
      IpcRenderer childFrame = r.openFrame();
      r.ipcRenderer().on("pong", (event, args) -> main.put((Integer) args[0]));
      childFrame.on("pong", (event, args) -> child.put((Integer) args[0]));

      childFrame.send("ping");

      assertThat(main.take()).isEqualTo(childFrame.frameId());
      child.assertEmptyAfter(50);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void framesAreToldApartByFrameIdAndSenderFrame(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<List<Object>> seen = new Await.Inbox<>();
      host.ipcMain().on("who", (event, args) -> seen.put(List.of(event.frameId(), event.senderFrame().frameId(),
          event.senderFrame().isMainFrame(), event.senderFrame().processId() == event.processId())));
      Renderer r = host.openRenderer();
      IpcRenderer childFrame = r.openFrame();
      assertThat(r.ipcRenderer().frameId()).isEqualTo(1);
      assertThat(childFrame.frameId()).isNotEqualTo(1);

      r.ipcRenderer().send("who");
      assertThat(seen.take()).containsExactly(1, 1, true, true).inOrder();
      childFrame.send("who");
      assertThat(seen.take()).containsExactly(childFrame.frameId(), childFrame.frameId(), false, true).inOrder();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void senderFrameSendEqualsReply(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().on("hello", (event, args) -> event.senderFrame().send("hi", "there"));
      Renderer r = host.openRenderer();
      IpcRenderer childFrame = r.openFrame();
      Await.Inbox<String> child = new Await.Inbox<>();
      childFrame.on("hi", (event, args) -> child.put((String) args[0]));
      childFrame.send("hello");
      assertThat(child.take()).isEqualTo("there");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void scopedListenersRunBeforeGlobalOnesWithTheSameEvent(HostKind kind) {
    try (IpcHost host = kind.open()) {
      List<String> order = new CopyOnWriteArrayList<>();
      Await.Inbox<IpcMainEvent> events = new Await.Inbox<>();
      Renderer r = host.openRenderer();
      host.ipcMain().on("test", (event, args) -> {
        order.add("global " + args[0]);
        events.put(event);
      });
      r.webContents().ipc().on("test", (event, args) -> {
        order.add("scoped " + args[0]);
        events.put(event);
      });
      r.ipcRenderer().send("test", 42);
      IpcMainEvent first = events.take();
      IpcMainEvent second = events.take();
      assertThat(order).containsExactly("scoped 42", "global 42").inOrder();
      assertThat(first).isSameInstanceAs(second);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void scopedHandlerWinsOverGlobal(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.webContents().ipc().handle("test", (event, args) -> (Integer) args[0] * 2);
      host.ipcMain().handle("test", (event, args) -> {
        throw new AssertionError("the global handler must not run");
      });
      assertThat(r.ipcRenderer().invoke("test", 42).join()).isEqualTo(84);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void globalHandlerAnswersWhenTheScopeHasNone(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("test", (event, args) -> (Integer) args[0] * 2);
      assertThat(host.openRenderer().ipcRenderer().invoke("test", 42).join()).isEqualTo(84);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aScopeSeesOnlyItsOwnRenderer(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer a = host.openRenderer();
      Renderer b = host.openRenderer();
      a.webContents().ipc().handle("name", (event, args) -> "a");
      b.webContents().ipc().handle("name", (event, args) -> "b");
      assertThat(a.ipcRenderer().invoke("name").join()).isEqualTo("a");
      assertThat(b.ipcRenderer().invoke("name").join()).isEqualTo("b");
      assertThat(a.webContents().id()).isNotEqualTo(b.webContents().id());
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aThrowingListenerDoesNotStopTheOthers(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<String> heard = new Await.Inbox<>();
      Renderer r = host.openRenderer();
      r.webContents().ipc().on("test", (event, args) -> {
        throw new IllegalStateException("scoped listener broke");
      });
      host.ipcMain().on("test", (event, args) -> heard.put("global"));
      r.ipcRenderer().send("test");
      assertThat(heard.take()).isEqualTo("global");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void onceListenerRunsOnlyForTheFirstMessage(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<Object> heard = new Await.Inbox<>();
      host.ipcMain().once("test", (event, args) -> heard.put(args[0]));
      host.ipcMain().on("done", (event, args) -> heard.put("done"));
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      ipc.send("test", 1);
      ipc.send("test", 2);
      ipc.send("done");
      assertThat(heard.take()).isEqualTo(1);
      assertThat(heard.take()).isEqualTo("done");
      assertThat(host.ipcMain().listenerCount("test")).isEqualTo(0);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void rendererOnceAndOffWork(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<Object> heard = new Await.Inbox<>();
      IpcRendererListener removed = (event, args) -> heard.put("removed listener ran");
      r.ipcRenderer().on("m", removed);
      r.ipcRenderer().off("m", removed);
      r.ipcRenderer().once("m", (event, args) -> heard.put(args[0]));
      r.webContents().send("m", "one");
      r.webContents().send("m", "two");
      assertThat(heard.take()).isEqualTo("one");
      heard.assertEmptyAfter(50);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void rendererEventNamesTheReceivingFrameAndChannel(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<IpcRendererEvent> heard = new Await.Inbox<>();
      r.ipcRenderer().on("m", (event, args) -> heard.put(event));
      r.webContents().send("m");
      IpcRendererEvent event = heard.take();
      assertThat(event.sender()).isSameInstanceAs(r.ipcRenderer());
      assertThat(event.channel()).isEqualTo("m");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anIpcRendererOpensFramesOfItsOwnRendererThatReplyReachesAndSenderSendDoesNot(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().on("hello", (event, args) -> {
        event.reply("answer", event.frameId());
        event.sender().send("broadcast", event.frameId());
      });
      Renderer r = host.openRenderer();
      IpcRenderer child = r.ipcRenderer().openFrame();
      IpcRenderer grandchild = child.openFrame();
      assertThat(List.of(child.frameId(), grandchild.frameId())).containsNoneOf(r.ipcRenderer().frameId(), -1);
      assertThat(grandchild.frameId()).isNotEqualTo(child.frameId());
      assertThat(r.webContents().mainFrame().frameId()).isEqualTo(r.ipcRenderer().frameId());

      Await.Inbox<Integer> answers = new Await.Inbox<>();
      Await.Inbox<Integer> broadcasts = new Await.Inbox<>();
      grandchild.on("answer", (event, args) -> answers.put((Integer) args[0]));
      grandchild.on("broadcast", (event, args) -> broadcasts.put((Integer) args[0]));
      Await.Inbox<Integer> atMain = new Await.Inbox<>();
      r.ipcRenderer().on("broadcast", (event, args) -> atMain.put((Integer) args[0]));

      grandchild.send("hello");

      assertThat(answers.take()).isEqualTo(grandchild.frameId());
      assertThat(atMain.take()).isEqualTo(grandchild.frameId());
      broadcasts.assertEmptyAfter(50);
      r.close();
      assertThrows(IpcDisconnectedException.class, child::openFrame);
    }
  }
}
