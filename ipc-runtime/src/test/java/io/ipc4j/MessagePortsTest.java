package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DESIGN §10 MessagePorts: Electron's MessageChannelMain and postMessage, on both hosts. */
class MessagePortsTest {
  /** A renderer that answers every message on a port it receives on "port" with "echo:" + the message. */
  private static void echoPorts(IpcRenderer ipc) {
    ipc.on("port", (event, args) -> {
      MessagePort port = event.ports().get(0);
      port.onMessage(message -> port.postMessage("echo:" + message.data()));
      port.start();
    });
  }

  private static <T> Await.Inbox<Object> inboxOf(MessagePortMain port) {
    Await.Inbox<Object> inbox = new Await.Inbox<>();
    port.onMessage(message -> inbox.put(message.data()));
    port.start();
    return inbox;
  }

  /** Code written once against {@link IpcPort}: answers each message on {@code port} with "back:" + it. */
  private static <P extends IpcPort<P>> void echoBack(P port) {
    port.onMessage(message -> port.postMessage("back:" + message.data()));
    port.start();
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void codeWrittenAgainstIpcPortServesTheMainSidesPortAndARenderersAlike(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      renderer.ipcRenderer().on("port", (event, args) -> echoBack(event.ports().get(0))); // a MessagePort
      MessageChannelMain toRenderer = new MessageChannelMain();
      Await.Inbox<Object> fromRenderer = inboxOf(toRenderer.port1());
      renderer.webContents().postMessage("port", null, List.of(toRenderer.port2()));
      MessageChannelMain local = new MessageChannelMain();
      echoBack(local.port2()); // a MessagePortMain
      Await.Inbox<Object> fromMain = inboxOf(local.port1());

      toRenderer.port1().postMessage("r");
      local.port1().postMessage("m");

      assertThat(fromRenderer.take()).isEqualTo("back:r");
      assertThat(fromMain.take()).isEqualTo("back:m");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aPortSentToARendererCarriesMessagesBothWaysInOrder(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      echoPorts(renderer.ipcRenderer());
      MessageChannelMain channel = new MessageChannelMain();
      Await.Inbox<Object> replies = inboxOf(channel.port1());
      renderer.webContents().postMessage("port", null, List.of(channel.port2()));
      for (int i = 0; i < 50; i++) {
        channel.port1().postMessage(i);
      }
      for (int i = 0; i < 50; i++) {
        assertThat(replies.take()).isEqualTo("echo:" + i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void webFrameMainPostMessageReachesThatFrameOnlyWithItsPorts(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      IpcRenderer child = renderer.openFrame();
      Await.Inbox<String> mainFrameGot = new Await.Inbox<>();
      renderer.ipcRenderer().on("port", (event, args) -> mainFrameGot.put("main frame: " + args[0]));
      echoPorts(child);
      Await.Inbox<WebFrameMain> frames = new Await.Inbox<>();
      host.ipcMain().on("hello", (event, args) -> frames.put(event.senderFrame()));
      child.send("hello");
      WebFrameMain childFrame = frames.take();
      MessageChannelMain channel = new MessageChannelMain();
      Await.Inbox<Object> replies = inboxOf(channel.port1());
      childFrame.postMessage("port", null, List.of(channel.port2()));
      channel.port1().postMessage("to the child frame");
      assertThat(replies.take()).isEqualTo("echo:to the child frame");
      mainFrameGot.assertEmptyAfter(200);
      IllegalArgumentException reused = assertThrows(IllegalArgumentException.class,
          () -> childFrame.postMessage("port", null, List.of(channel.port2())));
      assertThat(reused).hasMessageThat().isEqualTo("Port at index 0 is already neutered.");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void messagesThatArriveBeforeStartAreQueuedAndDeliveredInOrderOnStart(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      CompletableFuture<MessagePort> received = new CompletableFuture<>();
      renderer.ipcRenderer().on("port", (event, args) -> received.complete(event.ports().get(0)));
      MessageChannelMain channel = new MessageChannelMain();
      renderer.webContents().postMessage("port", "take it", List.of(channel.port2()));
      for (int i = 0; i < 20; i++) {
        channel.port1().postMessage(i);
      }
      MessagePort port = received.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
      Await.Inbox<Object> inbox = new Await.Inbox<>();
      port.onMessage(message -> inbox.put(message.data()));
      inbox.assertEmptyAfter(200); // not started: nothing is delivered
      port.start();
      for (int i = 0; i < 20; i++) {
        assertThat(inbox.take()).isEqualTo(i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void ipcRendererPostMessageGivesTheMainProcessItsPorts(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      CompletableFuture<Object[]> seen = new CompletableFuture<>();
      host.ipcMain().on("give", (event, args) -> {
        MessagePortMain port = event.ports().get(0);
        port.onMessage(message -> port.postMessage("main got " + message.data()));
        port.start();
        seen.complete(args);
      });
      MessageChannel channel = renderer.ipcRenderer().createMessageChannel();
      Await.Inbox<Object> inbox = new Await.Inbox<>();
      channel.port1().onMessage(message -> inbox.put(message.data()));
      channel.port1().start();
      renderer.ipcRenderer().postMessage("give", List.of("a", 1), List.of(channel.port2()));
      channel.port1().postMessage("hi");
      assertThat(inbox.take()).isEqualTo("main got hi");
      assertThat(seen.join()).asList().containsExactly(List.of("a", 1));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererPairTalksWithinTheRendererOnItsLoop(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      CompletableFuture<String> loopThread = new CompletableFuture<>();
      renderer.ipcRenderer().on("where", (event, args) -> loopThread.complete(Thread.currentThread().getName()));
      renderer.webContents().send("where");
      MessageChannel channel = renderer.ipcRenderer().createMessageChannel();
      Await.Inbox<String> inbox = new Await.Inbox<>();
      channel.port2().onMessage(message -> inbox.put(message.data() + "@" + Thread.currentThread().getName()));
      channel.port2().start();
      channel.port1().postMessage("one");
      channel.port1().postMessage("two");
      String thread = loopThread.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
      assertThat(inbox.take()).isEqualTo("one@" + thread);
      assertThat(inbox.take()).isEqualTo("two@" + thread);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void twoRenderersTalkThroughAPairTheMainProcessGaveThem(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer left = host.openRenderer();
      Renderer right = host.openRenderer();
      echoPorts(right.ipcRenderer());
      CompletableFuture<MessagePort> leftPort = new CompletableFuture<>();
      left.ipcRenderer().on("port", (event, args) -> leftPort.complete(event.ports().get(0)));
      MessageChannelMain channel = new MessageChannelMain();
      left.webContents().postMessage("port", null, List.of(channel.port1()));
      right.webContents().postMessage("port", null, List.of(channel.port2()));
      MessagePort port = leftPort.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
      Await.Inbox<Object> inbox = new Await.Inbox<>();
      port.onMessage(message -> inbox.put(message.data()));
      port.start();
      for (int i = 0; i < 20; i++) {
        port.postMessage(i);
      }
      for (int i = 0; i < 20; i++) {
        assertThat(inbox.take()).isEqualTo("echo:" + i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRenderersPortPassedOnByTheMainProcessReachesAnotherRenderer(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer left = host.openRenderer();
      Renderer right = host.openRenderer();
      echoPorts(right.ipcRenderer());
      host.ipcMain().on("forward", (event, args) -> right.webContents().postMessage("port", null, event.ports()));
      MessageChannel channel = left.ipcRenderer().createMessageChannel();
      Await.Inbox<Object> inbox = new Await.Inbox<>();
      channel.port1().onMessage(message -> inbox.put(message.data()));
      channel.port1().start();
      channel.port1().postMessage("sent before the transfer"); // queued at port2, and travels with it
      left.ipcRenderer().postMessage("forward", null, List.of(channel.port2()));
      channel.port1().postMessage("sent after");
      assertThat(inbox.take()).isEqualTo("echo:sent before the transfer");
      assertThat(inbox.take()).isEqualTo("echo:sent after");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void portsCarriedInAPortMessageArriveInItsEvent(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      renderer.ipcRenderer().on("port", (event, args) -> {
        MessagePort control = event.ports().get(0);
        control.onMessage(message -> {
          MessagePort extra = message.ports().get(0);
          extra.postMessage("through the carried port: " + message.data());
        });
        control.start();
      });
      MessageChannelMain control = new MessageChannelMain();
      MessageChannelMain extra = new MessageChannelMain();
      Await.Inbox<Object> inbox = inboxOf(extra.port1());
      renderer.webContents().postMessage("port", null, List.of(control.port2()));
      control.port1().postMessage("x", List.of(extra.port2()));
      assertThat(inbox.take()).isEqualTo("through the carried port: x");
    }
  }

  @Test
  void aPairWhollyInTheMainProcessWorksWithoutAHost() {
    MessageChannelMain channel = new MessageChannelMain();
    channel.port1().postMessage("queued");
    Await.Inbox<String> inbox = new Await.Inbox<>();
    channel.port2().onMessage(message -> inbox.put(message.data() + "@" + Thread.currentThread().getName()));
    channel.port2().start();
    channel.port1().postMessage("after start");
    assertThat(inbox.take()).startsWith("queued@"); // on the pair's own loop: see MessagePortPairOfNoHostTest
    assertThat(inbox.take()).startsWith("after start@");
    Await.Inbox<String> closed = new Await.Inbox<>();
    channel.port2().onClose(() -> closed.put("port2"));
    channel.port1().onClose(() -> closed.put("port1"));
    channel.port1().close();
    assertThat(List.of(closed.take(), closed.take())).containsExactly("port1", "port2");
    closed.assertEmptyAfter(100);
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void mainSideListenersRunOnTheMainLoop(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      echoPorts(renderer.ipcRenderer());
      MessageChannelMain channel = new MessageChannelMain();
      Await.Inbox<String> threads = new Await.Inbox<>();
      channel.port1().onMessage(message -> threads.put(Thread.currentThread().getName()));
      channel.port1().start();
      renderer.webContents().postMessage("port", null, List.of(channel.port2()));
      channel.port1().postMessage("ping");
      assertThat(threads.take()).isEqualTo("ipc4j-main");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void closingEitherEndRunsOnCloseOnTheOtherOnce(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      Await.Inbox<String> closed = new Await.Inbox<>();
      AtomicInteger rendererCloses = new AtomicInteger();
      CompletableFuture<MessagePort> received = new CompletableFuture<>();
      renderer.ipcRenderer().on("port", (event, args) -> {
        MessagePort port = event.ports().get(0);
        port.onClose(() -> {
          rendererCloses.incrementAndGet();
          closed.put("renderer");
        });
        received.complete(port);
      });
      MessageChannelMain channel = new MessageChannelMain();
      renderer.webContents().postMessage("port", null, List.of(channel.port2()));
      received.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
      channel.port1().close();
      channel.port1().close();
      assertThat(closed.take()).isEqualTo("renderer");
      closed.assertEmptyAfter(200);
      assertThat(rendererCloses.get()).isEqualTo(1);

      MessageChannel pair = renderer.ipcRenderer().createMessageChannel();
      CompletableFuture<MessagePortMain> mainPort = new CompletableFuture<>();
      host.ipcMain().on("mine", (event, args) -> {
        event.ports().get(0).onClose(() -> closed.put("main"));
        mainPort.complete(event.ports().get(0));
      });
      renderer.ipcRenderer().postMessage("mine", null, List.of(pair.port2()));
      mainPort.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
      pair.port1().close();
      assertThat(closed.take()).isEqualTo("main");
      closed.assertEmptyAfter(200);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererThatClosesClosesThePortsItHeld(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      CompletableFuture<MessagePort> received = new CompletableFuture<>();
      Await.Inbox<String> closed = new Await.Inbox<>();
      renderer.ipcRenderer().on("port", (event, args) -> {
        event.ports().get(0).onClose(() -> closed.put("renderer side"));
        received.complete(event.ports().get(0));
      });
      MessageChannelMain channel = new MessageChannelMain();
      channel.port1().onClose(() -> closed.put("main side"));
      renderer.webContents().postMessage("port", null, List.of(channel.port2()));
      received.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
      renderer.close();
      assertThat(List.of(closed.take(), closed.take())).containsExactly("main side", "renderer side");
      channel.port1().postMessage("to nobody"); // a closed port: nothing happens
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void closingTheHostClosesEveryPort(HostKind kind) {
    IpcHost host = kind.open();
    Renderer renderer = host.openRenderer();
    CompletableFuture<MessagePort> received = new CompletableFuture<>();
    Await.Inbox<String> closed = new Await.Inbox<>();
    renderer.ipcRenderer().on("port", (event, args) -> {
      event.ports().get(0).onClose(() -> closed.put("renderer side"));
      received.complete(event.ports().get(0));
    });
    MessageChannelMain toRenderer = new MessageChannelMain();
    MessageChannelMain mainOnly = new MessageChannelMain();
    toRenderer.port1().onClose(() -> closed.put("main side"));
    renderer.webContents().postMessage("port", null, List.of(toRenderer.port2()));
    received.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
    host.close();
    assertThat(List.of(closed.take(), closed.take())).containsExactly("main side", "renderer side");
    mainOnly.port1().postMessage("a pair of no host outlives it"); // never bound to the host: still usable
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aTransferredPortCanNoLongerBeUsedByItsSender(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      MessageChannelMain channel = new MessageChannelMain();
      renderer.webContents().postMessage("port", null, List.of(channel.port2()));
      MessagePortMain given = channel.port2();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> given.postMessage("x"));
      assertThat(e).hasMessageThat().startsWith("This port was transferred");
      assertThrows(IllegalStateException.class, given::start);
      assertThrows(IllegalStateException.class, () -> given.onMessage(m -> {}));
      IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
          () -> renderer.webContents().postMessage("port", null, List.of(given)));
      assertThat(again).hasMessageThat().isEqualTo("Port at index 0 is already neutered.");

      MessageChannel pair = renderer.ipcRenderer().createMessageChannel();
      renderer.ipcRenderer().postMessage("away", null, List.of(pair.port2()));
      assertThrows(IllegalStateException.class, () -> pair.port2().postMessage("x"));
      assertThrows(IllegalStateException.class, pair.port2()::start);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aTransferListMayNotRepeatAPortNorHoldAClosedOneNorTheSourcePort(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      MessageChannelMain a = new MessageChannelMain();
      MessageChannelMain b = new MessageChannelMain();
      IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
          () -> renderer.webContents().postMessage("port", null, List.of(a.port1(), a.port1())));
      assertThat(twice).hasMessageThat().isEqualTo("Port at index 1 is a duplicate.");
      b.port1().close();
      IllegalArgumentException closed = assertThrows(IllegalArgumentException.class,
          () -> renderer.webContents().postMessage("port", null, List.of(a.port1(), b.port1())));
      assertThat(closed).hasMessageThat().isEqualTo("Port at index 1 is closed.");
      IllegalArgumentException source = assertThrows(IllegalArgumentException.class,
          () -> a.port1().postMessage("x", List.of(a.port1())));
      assertThat(source).hasMessageThat().isEqualTo("Port at index 0 contains the source port.");

      MessageChannel pair = renderer.ipcRenderer().createMessageChannel();
      IllegalArgumentException rendererTwice = assertThrows(IllegalArgumentException.class,
          () -> renderer.ipcRenderer().postMessage("x", null, List.of(pair.port1(), pair.port1())));
      assertThat(rendererTwice).hasMessageThat().isEqualTo("Port at index 1 is a duplicate.");
      a.port1().postMessage("nothing was moved by the failed calls");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void postingOnAClosedPortDoesNothing(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      MessageChannelMain channel = new MessageChannelMain();
      Await.Inbox<Object> inbox = inboxOf(channel.port2());
      channel.port1().close();
      channel.port1().postMessage("ignored");
      channel.port2().postMessage("ignored too");
      inbox.assertEmptyAfter(200);
      MessageChannel pair = renderer.ipcRenderer().createMessageChannel();
      pair.port1().close();
      pair.port1().postMessage("ignored");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aMainPortNobodyStartsIsClosedOnceItsQueueHoldsMoreThanItsBound(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      CompletableFuture<MessagePort> received = new CompletableFuture<>();
      Await.Inbox<String> closed = new Await.Inbox<>();
      renderer.ipcRenderer().on("port", (event, args) -> {
        event.ports().get(0).onClose(() -> closed.put("renderer side"));
        received.complete(event.ports().get(0));
      });
      MessageChannelMain channel = new MessageChannelMain();
      channel.port1().onClose(() -> closed.put("main side")); // never started: its messages wait
      renderer.webContents().postMessage("port", null, List.of(channel.port2()));
      MessagePort port = received.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
      byte[] mebibyte = new byte[1 << 20];
      for (int i = 0; i < 40; i++) { // 40 MiB, past the 32 MiB bound
        port.postMessage(mebibyte);
      }
      assertThat(List.of(closed.take(), closed.take())).containsExactly("main side", "renderer side");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void plainMessagesCarryNoPorts(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      CompletableFuture<List<MessagePortMain>> mainPorts = new CompletableFuture<>();
      host.ipcMain().on("plain", (event, args) -> mainPorts.complete(event.ports()));
      CompletableFuture<List<MessagePort>> rendererPorts = new CompletableFuture<>();
      renderer.ipcRenderer().on("plain", (event, args) -> rendererPorts.complete(event.ports()));
      renderer.ipcRenderer().send("plain");
      renderer.webContents().send("plain");
      assertThat(mainPorts.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join()).isEmpty();
      assertThat(rendererPorts.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join()).isEmpty();
    }
  }
}
