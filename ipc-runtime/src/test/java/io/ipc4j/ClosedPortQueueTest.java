package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A port closed by its holder drops the messages still queued in it, and the ports those messages carried close
 * with them, as the ports of any message that goes nowhere do: their peers hear it, and nobody holds them for good.
 */
class ClosedPortQueueTest {
  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aMainPortClosedWithAQueuedMessageClosesThePortsThatMessageCarried(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      MessageChannelMain channel = new MessageChannelMain(); // port1 stays here, never started
      MessagePort sender = GivenPorts.toRenderer(renderer, channel.port2());

      MessageChannel carried = renderer.ipcRenderer().createMessageChannel();
      Await.Inbox<String> closed = new Await.Inbox<>();
      carried.port1().onClose(() -> closed.put("the carried port's peer"));
      sender.postMessage("with a port", List.of(carried.port2()));
      host.ipcMain().handle("barrier", (event, args) -> "ok");
      // The renderer's messages reach the main loop in order: once this is answered, the port's message waits.
      assertThat(renderer.ipcRenderer().invoke("barrier").join()).isEqualTo("ok");
      channel.port1().close();
      assertThat(closed.take()).isEqualTo("the carried port's peer");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererPortClosedWithAQueuedMessageClosesThePortsThatMessageCarried(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      MessageChannelMain channel = new MessageChannelMain();
      MessagePort holder = GivenPorts.toRenderer(renderer, channel.port2()); // never started

      MessageChannelMain carried = new MessageChannelMain();
      Await.Inbox<String> closed = new Await.Inbox<>();
      carried.port1().onClose(() -> closed.put("the carried port's peer"));
      carried.port1().start();
      channel.port1().postMessage("with a port", List.of(carried.port2()));
      renderer.ipcRenderer().handle("barrier", (event, args) -> "ok");
      // The main process's messages reach the renderer in order: once this is answered, the port's message waits.
      assertThat(renderer.webContents().invoke("barrier").join()).isEqualTo("ok");
      holder.close();
      assertThat(closed.take()).isEqualTo("the carried port's peer");
    }
  }
}
