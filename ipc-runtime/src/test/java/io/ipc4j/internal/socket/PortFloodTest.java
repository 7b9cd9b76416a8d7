package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.ipc4j.IpcHost;
import io.ipc4j.LogCapture;
import io.ipc4j.WebContents;
import io.ipc4j.internal.Message;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §11 for a port two renderers share: one that floods it cannot get the other disconnected. Port messages the
 * host would relay to a renderer that already has half of its {@code maxOutboundBytes} waiting close the port
 * instead (both ends hear it, and a warning says why); the reader stays connected. Before, the host relayed every
 * message and cut the reader off when its outbound queue filled, for the flooder's doing.
 */
class PortFloodTest extends SocketHostTest {
  /** The host's outbound limit per renderer: small, so that the flood is short. */
  private static final int BUDGET = 256 * 1024;
  private static final int MESSAGE = 64 * 1024;
  /** Far more than the reader's socket buffer (the host asks for 4 MiB) and its budget together. */
  private static final int MESSAGES = 256;

  @Override
  IpcHost.Builder options() {
    return super.options().maxOutboundBytes(BUDGET);
  }

  @Test
  void aRendererThatFloodsAPortLosesThePortAndTheReaderThatDoesNotKeepUpStaysConnected() throws Exception {
    try (LogCapture log = new LogCapture().quiet(); TestPeer reader = TestPeer.authenticated(host);
        TestPeer flooder = TestPeer.authenticated(host)) {
      WebContents readerContents = reader.admitted.get(10, TimeUnit.SECONDS); // it never reads its socket
      WebContents flooderContents = flooder.admitted.get(10, TimeUnit.SECONDS);
      CompletableFuture<Void> forwarded = new CompletableFuture<>();
      host.ipcMain().on("forward", (event, args) -> {
        readerContents.postMessage("port", null, event.ports());
        forwarded.complete(null);
      });
      CompletableFuture<Void> done = new CompletableFuture<>();
      host.ipcMain().on("done", (event, args) -> done.complete(null));
      long mine = ((long) flooder.rendererId << 32) | 1;
      long theirs = ((long) flooder.rendererId << 32) | 2;
      ByteArrayOutputStream frames = new ByteArrayOutputStream();
      TestPeer.append(frames, new Message.PortChannel(mine, theirs));
      TestPeer.append(frames, new Message.PostMessage(Message.MAIN_FRAME_ID, "forward", new long[] {theirs},
          TestPeer.args((Object) null)));
      flooder.write(frames.toByteArray());
      forwarded.get(10, TimeUnit.SECONDS);

      byte[] message = TestPeer.CODEC.encodeValue(new byte[MESSAGE]);
      frames.reset();
      for (int i = 0; i < MESSAGES; i++) {
        TestPeer.append(frames, new Message.PortPost(mine, new long[0], message));
      }
      TestPeer.append(frames, new Message.Send(Message.MAIN_FRAME_ID, "done", TestPeer.args()));
      flooder.write(frames.toByteArray());
      done.get(20, TimeUnit.SECONDS); // every post has been handled

      assertWithMessage("the renderer the flood was relayed to is still connected")
          .that(readerContents.isDestroyed()).isFalse();
      assertThat(flooderContents.isDestroyed()).isFalse();
      assertThat(log.any("closing port " + theirs, "renderer " + readerContents.id(), "maxOutboundBytes")).isTrue();
      ByteBuffer closed = flooder.readFrame(java.time.Duration.ofSeconds(10)); // the flooder's end closed too
      assertThat(closed.get() & 0xff).isEqualTo(Frames.PORT_CLOSED);
      assertThat(closed.getLong()).isEqualTo(mine);
    }
  }
}
