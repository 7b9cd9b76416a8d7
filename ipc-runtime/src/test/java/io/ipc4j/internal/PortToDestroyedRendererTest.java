package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.MessageChannelMain;
import io.ipc4j.Renderer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code webContents.postMessage} checks that its renderer lives before it takes the ports' lock, so the renderer may
 * be destroyed between that check and the send. The ports sent then close, and their peers' {@code onClose} runs,
 * as they do when the renderer goes just after the send: here the renderer is destroyed before the send, as if
 * between the two.
 */
class PortToDestroyedRendererTest {
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aPortSentToARendererDestroyedAfterTheCheckClosesItsPeer(boolean overSockets) throws Exception {
    IpcHost.Builder builder = IpcHost.builder();
    try (IpcHost host = overSockets ? builder.overSockets() : builder.inProcess()) {
      Renderer renderer = host.openRenderer();
      WebContentsImpl contents = (WebContentsImpl) renderer.webContents();
      MessageChannelMain channel = new MessageChannelMain();
      CompletableFuture<String> closed = new CompletableFuture<>();
      channel.port1().onClose(() -> closed.complete("closed"));
      byte[] payload = contents.values().encodeArgs(new Object[] {"take it"});
      contents.close();

      contents.ports().sendToRenderer(contents, Message.MAIN_FRAME_ID, "port", payload, List.of(channel.port2()));

      assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo("closed");
    }
  }
}
