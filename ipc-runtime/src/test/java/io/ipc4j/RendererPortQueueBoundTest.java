package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A renderer cannot fill another renderer's memory through a port: messages that wait in a renderer-side port nobody
 * starts count toward the same 32 MiB bound as a main-side port's, and past it the port closes (both ends hear it,
 * and a warning says why) while both renderers go on. Before, the receiving renderer queued without end.
 */
class RendererPortQueueBoundTest {
  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererPortNobodyStartsIsClosedOnceItsQueueHoldsMoreThanTheBound(HostKind kind) {
    try (IpcHost host = kind.open(); LogCapture log = new LogCapture().quiet()) {
      Renderer flooder = host.openRenderer();
      Renderer victim = host.openRenderer();
      Await.Inbox<String> closed = new Await.Inbox<>();
      MessageChannelMain channel = new MessageChannelMain();
      GivenPorts.toRenderer(victim, channel.port2()).onClose(() -> closed.put("victim's end")); // never started
      MessagePort port = GivenPorts.toRenderer(flooder, channel.port1());
      port.onClose(() -> closed.put("flooder's end"));

      byte[] mebibyte = new byte[1 << 20];
      for (int i = 0; i < 40; i++) { // 40 MiB, past the 32 MiB bound
        port.postMessage(mebibyte);
      }
      assertThat(List.of(closed.take(), closed.take())).containsExactly("victim's end", "flooder's end");
      assertThat(log.matching(r -> r.getLevel() == Level.WARNING
          && String.valueOf(r.getMessage()).contains("wait in its queue (is it started?)"))).isNotEmpty();

      host.ipcMain().handle("alive", (event, args) -> "yes");
      assertThat(victim.ipcRenderer().invoke("alive").join()).isEqualTo("yes");
      assertThat(flooder.ipcRenderer().invoke("alive").join()).isEqualTo("yes");
    }
  }
}
