package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.ipc4j.MessageChannelMain;
import io.ipc4j.MessagePortMain;
import io.ipc4j.WebContents;
import io.ipc4j.internal.Message;
import io.ipc4j.internal.PortAccess;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §11 for PORT_RETURN: a renderer that gave a port away may hand back only the messages the host sent it for
 * that port (they crossed on the wire, or waited in its queue), once each. One that hands back more forges messages
 * in the name of the port's peer: it is cut off like any renderer that breaks the protocol, and the port's new holder
 * gets only what was really sent. Before, any renderer that ever held a port could inject messages into it forever.
 */
class PortReturnForgeryTest extends SocketHostTest {
  /** The port's next holder, in the main process: what a message on "take" carries is started, its messages kept. */
  private BlockingQueue<Object> takeAndStart() {
    BlockingQueue<Object> held = new LinkedBlockingQueue<>();
    host.ipcMain().on("take", (event, args) -> {
      MessagePortMain port = event.ports().get(0);
      port.onMessage(message -> held.add(message.data()));
      port.start();
    });
    return held;
  }

  @Test
  void aFormerHolderThatHandsBackMoreThanItWasSentIsCutOffAndForgesNothing() throws Exception {
    MessageChannelMain channel = new MessageChannelMain();
    BlockingQueue<Object> newHolder = takeAndStart();
    try (TestPeer former = TestPeer.authenticated(host)) {
      WebContents formerContents = former.admitted.get(10, TimeUnit.SECONDS);
      formerContents.postMessage("port", null, List.of(channel.port2()));
      long port = PortAccess.idOf(channel.port2());
      channel.port1().postMessage("sent"); // a PORT_MESSAGE to the renderer, which holds the port now

      ByteArrayOutputStream frames = new ByteArrayOutputStream();
      TestPeer.append(frames, new Message.PostMessage(Message.MAIN_FRAME_ID, "take", new long[] {port},
          TestPeer.args((Object) null)));
      TestPeer.append(frames, new Message.PortReturn(port, new long[0], TestPeer.CODEC.encodeValue("sent"))); // its due
      TestPeer.append(frames, new Message.PortReturn(port, new long[0], TestPeer.CODEC.encodeValue("forged")));
      former.write(frames.toByteArray());

      assertWithMessage("the host hangs up on a renderer that hands back a message it was never sent")
          .that(former.hostHangsUpWithin(Duration.ofSeconds(10))).isTrue();
      channel.port1().postMessage("after"); // reaches the new holder after anything the renderer's frames put there
      assertThat(newHolder.poll(10, TimeUnit.SECONDS)).isEqualTo("sent");
      assertThat(newHolder.poll(10, TimeUnit.SECONDS)).isEqualTo("after");
      assertThat(formerContents.isDestroyed()).isTrue();
    }
  }

  @Test
  void aRendererThatNeverReceivedAMessageOnAPortCannotHandOneBack() throws Exception {
    MessageChannelMain channel = new MessageChannelMain();
    BlockingQueue<Object> newHolder = takeAndStart();
    try (TestPeer former = TestPeer.authenticated(host)) {
      WebContents formerContents = former.admitted.get(10, TimeUnit.SECONDS);
      formerContents.postMessage("port", null, List.of(channel.port2()));
      long port = PortAccess.idOf(channel.port2());

      ByteArrayOutputStream frames = new ByteArrayOutputStream();
      TestPeer.append(frames, new Message.PostMessage(Message.MAIN_FRAME_ID, "take", new long[] {port},
          TestPeer.args((Object) null)));
      TestPeer.append(frames, new Message.PortReturn(port, new long[0], TestPeer.CODEC.encodeValue("forged")));
      former.write(frames.toByteArray());

      assertWithMessage("the host hangs up on a renderer that hands back a message it was never sent")
          .that(former.hostHangsUpWithin(Duration.ofSeconds(10))).isTrue();
      channel.port1().postMessage("after");
      assertThat(newHolder.poll(10, TimeUnit.SECONDS)).isEqualTo("after");
    }
  }
}
