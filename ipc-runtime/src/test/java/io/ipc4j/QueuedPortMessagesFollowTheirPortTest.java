package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Messages that wait in a renderer's port nobody started follow the port when the renderer gives it away (they go
 * back to the host, which delivers them to the new holder in order): those the host sent it, and those posted within
 * a pair the renderer made, which the host never saw. The host takes these hand-backs and no more.
 */
class QueuedPortMessagesFollowTheirPortTest {
  /** Has the main process take the ports of a "take" message, start the one at {@code index} and collect. */
  private static Await.Inbox<Object> takeAndStart(IpcHost host, int index) {
    Await.Inbox<Object> inbox = new Await.Inbox<>();
    host.ipcMain().on("take", (event, args) -> {
      MessagePortMain port = event.ports().get(index);
      port.onMessage(message -> inbox.put(message.data()));
      port.start();
    });
    return inbox;
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void messagesWithinARenderersPairFollowThePortItGivesAwayBeforeWhatItPostsLater(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      Await.Inbox<Object> inbox = takeAndStart(host, 0);
      MessageChannel channel = renderer.ipcRenderer().createMessageChannel();
      for (String s : List.of("a", "b", "c")) {
        channel.port1().postMessage(s); // queued in port2, not started, within the renderer
      }
      renderer.ipcRenderer().postMessage("take", null, List.of(channel.port2()));
      channel.port1().postMessage("d"); // through the host now

      for (String s : List.of("a", "b", "c", "d")) {
        assertThat(inbox.take()).isEqualTo(s);
      }
      assertThat(renderer.webContents().isDestroyed()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void messagesWithinARenderersPairFollowItWhenBothEndsGoInOneMessage(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      Await.Inbox<Object> inbox = takeAndStart(host, 1);
      MessageChannel channel = renderer.ipcRenderer().createMessageChannel();
      for (String s : List.of("a", "b", "c")) {
        channel.port1().postMessage(s);
      }
      renderer.ipcRenderer().postMessage("take", null, List.of(channel.port1(), channel.port2()));

      for (String s : List.of("a", "b", "c")) {
        assertThat(inbox.take()).isEqualTo(s);
      }
      host.ipcMain().handle("alive", (event, args) -> "yes");
      assertThat(renderer.ipcRenderer().invoke("alive").join()).isEqualTo("yes");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void messagesTheHostSentFollowThePortTheRendererGivesAway(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      Await.Inbox<Object> inbox = takeAndStart(host, 0);
      MessageChannelMain channel = new MessageChannelMain();
      MessagePort port = GivenPorts.toRenderer(renderer, channel.port2()); // not started
      CompletableFuture<Void> queued = new CompletableFuture<>();
      renderer.ipcRenderer().on("queued", (event, args) -> queued.complete(null));
      for (int i = 0; i < 5; i++) {
        channel.port1().postMessage(i);
      }
      renderer.webContents().send("queued"); // after the five: they wait in the renderer's port by then
      queued.get(Await.SECONDS, TimeUnit.SECONDS);
      renderer.ipcRenderer().postMessage("take", null, List.of(port));

      for (int i = 0; i < 5; i++) {
        assertThat(inbox.take()).isEqualTo(i);
      }
      channel.port1().postMessage("after"); // once they arrived: one posted meanwhile may overtake them
      assertThat(inbox.take()).isEqualTo("after");
      assertThat(renderer.webContents().isDestroyed()).isFalse();
    }
  }
}
