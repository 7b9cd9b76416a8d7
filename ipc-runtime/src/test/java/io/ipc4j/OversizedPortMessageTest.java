package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A port message too large for a frame throws in whoever posts it, on either side, with the reason; it transfers none
 * of the ports it would have carried, and the ports and the renderer go on working.
 */
class OversizedPortMessageTest {
  private static final String SAYS_WHY = "is larger than a frame may be (65,536 bytes, IpcHost.Builder.maxFrameBytes)";

  @Test
  void postingAnOversizedMessageThrowsOnEitherSideAndThePortGoesOn() throws Exception {
    try (IpcHost host = IpcHost.builder().maxFrameBytes(64 * 1024).overSockets()) {
      Renderer r = host.openRenderer();
      CompletableFuture<MessagePort> received = new CompletableFuture<>();
      r.ipcRenderer().on("port", (event, args) -> received.complete(event.ports().get(0)));
      MessageChannelMain channel = new MessageChannelMain();
      Await.Inbox<Object> inMain = new Await.Inbox<>();
      channel.port1().onMessage(message -> inMain.put(message.data()));
      channel.port1().start();
      r.webContents().postMessage("port", null, List.of(channel.port2()));
      MessagePort port = received.get(10, TimeUnit.SECONDS);
      Await.Inbox<Object> inRenderer = new Await.Inbox<>();
      port.onMessage(message -> inRenderer.put(message.data()));
      port.start();

      assertThat(assertThrows(IpcException.class, () -> channel.port1().postMessage(new byte[100 * 1024])))
          .hasMessageThat().contains(SAYS_WHY);
      assertThat(assertThrows(IpcException.class, () -> port.postMessage(new byte[100 * 1024])))
          .hasMessageThat().contains(SAYS_WHY);

      // A refused message transfers nothing: the ports it would have carried stay where they were, and work.
      MessageChannelMain kept = new MessageChannelMain();
      assertThat(assertThrows(IpcException.class,
          () -> r.webContents().postMessage("port", new byte[100 * 1024], List.of(kept.port2()))))
          .hasMessageThat().contains(SAYS_WHY);
      assertThat(assertThrows(IpcException.class,
          () -> channel.port1().postMessage(new byte[100 * 1024], List.of(kept.port1()))))
          .hasMessageThat().contains(SAYS_WHY);
      Await.Inbox<Object> inKept = new Await.Inbox<>();
      kept.port2().onMessage(message -> inKept.put(message.data()));
      kept.port2().start();
      kept.port1().postMessage("still here");
      assertThat(inKept.take()).isEqualTo("still here");
      MessageChannel rendererPair = r.ipcRenderer().createMessageChannel();
      assertThat(assertThrows(IpcException.class,
          () -> r.ipcRenderer().postMessage("port", new byte[100 * 1024], List.of(rendererPair.port1()))))
          .hasMessageThat().contains(SAYS_WHY);
      assertThat(assertThrows(IpcException.class,
          () -> port.postMessage(new byte[100 * 1024], List.of(rendererPair.port2()))))
          .hasMessageThat().contains(SAYS_WHY);
      Await.Inbox<Object> inRendererPair = new Await.Inbox<>();
      rendererPair.port2().onMessage(message -> inRendererPair.put(message.data()));
      rendererPair.port2().start();
      rendererPair.port1().postMessage("kept too");
      assertThat(inRendererPair.take()).isEqualTo("kept too");

      channel.port1().postMessage("to the renderer");
      port.postMessage("to the main process");
      assertThat(inRenderer.take()).isEqualTo("to the renderer");
      assertThat(inMain.take()).isEqualTo("to the main process");
      assertThat(r.webContents().isDestroyed()).isFalse();
    }
  }
}
