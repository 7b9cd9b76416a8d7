package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.UndecodableArgumentsTest.Urgency;
import io.ipc4j.spi.Codecs;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ports that travel with a message no listener receives close, so that their peers learn it (their {@code onClose}
 * runs) instead of posting into a port nobody can reach: on either side, whether nothing listens, the message cannot
 * be decoded, or an interceptor rejects it. The messages that cannot be decoded carry an enum constant that the
 * receiving side's version of the enum lacks.
 */
class UndeliveredPortsTest {
  /** What {@code port}'s close callbacks report. */
  private static Await.Inbox<String> closesOf(IpcPort<?> port) {
    Await.Inbox<String> closes = new Await.Inbox<>();
    port.onClose(() -> closes.put("closed"));
    return closes;
  }

  /** A host whose enum lacks {@code URGENT}, and a renderer whose enum has it. */
  private static Renderer newerRenderer(IpcHost host) {
    Renderer renderer = host.openRenderer();
    Codecs.addTo(renderer.ipcRenderer(), List.of(UndecodableArgumentsTest.URGENCY));
    return renderer;
  }

  private static IpcHost olderHost(HostKind kind) {
    return kind.open(IpcHost.builder().codecs(List.of(UndecodableArgumentsTest.OLD_URGENCY)));
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aPostMessageTheMainProcessCannotDecodeClosesItsPorts(HostKind kind) {
    try (LogCapture quiet = new LogCapture().quiet(); IpcHost host = olderHost(kind)) {
      Await.Inbox<String> heard = new Await.Inbox<>();
      host.ipcMain().on("give", (event, args) -> heard.put("listener ran"));
      IpcRenderer ipc = newerRenderer(host).ipcRenderer();
      MessageChannel pair = ipc.createMessageChannel();
      Await.Inbox<String> closes = closesOf(pair.port1());

      ipc.postMessage("give", Urgency.URGENT, List.of(pair.port2()));

      assertThat(closes.take()).isEqualTo("closed");
      heard.assertEmptyAfter(50);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aPostMessageAnInterceptorRejectsClosesItsPorts(HostKind kind) {
    IpcHost.Builder builder = IpcHost.builder().interceptor(incoming -> {
      if (incoming.channel().equals("give")) {
        throw new SecurityException("no ports from this renderer");
      }
      return null;
    });
    try (LogCapture quiet = new LogCapture().quiet(); IpcHost host = kind.open(builder)) {
      Await.Inbox<String> heard = new Await.Inbox<>();
      host.ipcMain().on("give", (event, args) -> heard.put("listener ran"));
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      MessageChannel pair = ipc.createMessageChannel();
      Await.Inbox<String> closes = closesOf(pair.port1());

      ipc.postMessage("give", null, List.of(pair.port2()));

      assertThat(closes.take()).isEqualTo("closed");
      heard.assertEmptyAfter(50);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aPostMessageNoMainListenerReceivesClosesItsPorts(HostKind kind) {
    try (IpcHost host = kind.open()) {
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      MessageChannel pair = ipc.createMessageChannel();
      Await.Inbox<String> closes = closesOf(pair.port1());

      ipc.postMessage("nobody listens", null, List.of(pair.port2()));

      assertThat(closes.take()).isEqualTo("closed");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aWebContentsPostMessageTheRendererCannotDecodeClosesItsPorts(HostKind kind) {
    try (LogCapture quiet = new LogCapture().quiet();
        IpcHost host = kind.open(IpcHost.builder().codecs(List.of(UndecodableArgumentsTest.URGENCY)))) {
      Renderer renderer = host.openRenderer();
      Codecs.addTo(renderer.ipcRenderer(), List.of(UndecodableArgumentsTest.OLD_URGENCY));
      Await.Inbox<String> heard = new Await.Inbox<>();
      renderer.ipcRenderer().on("port", (event, args) -> heard.put("listener ran"));
      MessageChannelMain channel = new MessageChannelMain();
      Await.Inbox<String> closes = closesOf(channel.port1());

      renderer.webContents().postMessage("port", Urgency.URGENT, List.of(channel.port2()));

      assertThat(closes.take()).isEqualTo("closed");
      heard.assertEmptyAfter(50);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aPortMessageTheMainSideCannotDecodeClosesThePortsItCarried(HostKind kind) {
    try (LogCapture quiet = new LogCapture().quiet(); IpcHost host = olderHost(kind)) {
      Renderer renderer = newerRenderer(host);
      IpcRenderer ipc = renderer.ipcRenderer();
      MessageChannelMain control = new MessageChannelMain();
      Await.Inbox<Object> heard = new Await.Inbox<>();
      control.port1().onMessage(message -> heard.put(message.data()));
      control.port1().start();
      MessagePort rendererControl = GivenPorts.toRenderer(renderer, control.port2());
      MessageChannel extra = ipc.createMessageChannel();
      Await.Inbox<String> closes = closesOf(extra.port1());

      rendererControl.postMessage(Urgency.URGENT, List.of(extra.port2()));

      assertThat(closes.take()).isEqualTo("closed");
      heard.assertEmptyAfter(50);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aPortMessageARendererCannotDecodeClosesThePortsItCarried(HostKind kind) {
    try (LogCapture quiet = new LogCapture().quiet();
        IpcHost host = kind.open(IpcHost.builder().codecs(List.of(UndecodableArgumentsTest.URGENCY)))) {
      Renderer renderer = host.openRenderer();
      Codecs.addTo(renderer.ipcRenderer(), List.of(UndecodableArgumentsTest.OLD_URGENCY));
      MessageChannelMain control = new MessageChannelMain();
      MessagePort rendererControl = GivenPorts.toRenderer(renderer, control.port2());
      Await.Inbox<Object> heard = new Await.Inbox<>();
      rendererControl.onMessage(message -> heard.put(message.data()));
      rendererControl.start();
      MessageChannelMain extra = new MessageChannelMain();
      Await.Inbox<String> closes = closesOf(extra.port1());

      control.port1().postMessage(Urgency.URGENT, List.of(extra.port2()));

      assertThat(closes.take()).isEqualTo("closed");
      heard.assertEmptyAfter(50);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aStartedPortWithoutListenersClosesThePortsItsMessagesCarry(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      MessageChannelMain control = new MessageChannelMain();
      control.port1().start(); // started, but nobody listens: its messages reach no one
      MessagePort rendererControl = GivenPorts.toRenderer(renderer, control.port2());
      MessageChannel extra = renderer.ipcRenderer().createMessageChannel();
      Await.Inbox<String> closes = closesOf(extra.port1());

      rendererControl.postMessage("to nobody", List.of(extra.port2()));

      assertThat(closes.take()).isEqualTo("closed");
    }
  }
}
