package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.LogCapture;
import io.ipc4j.MessageChannelMain;
import io.ipc4j.MessagePortMain;
import io.ipc4j.WebContents;
import io.ipc4j.internal.Message;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §11 for the main process's ports nobody starts: what one renderer's port messages keep waiting in them
 * counts against that renderer, up to the host's {@code maxOutboundBytes}, however many ports it spreads them over.
 * A message that would pass the bound closes the port it was posted on (as the 32 MiB bound of one port's queue
 * does); bytes count again once they are taken. Before, each port had its own bound and the total none: a renderer
 * with 32,768 pairs could make the host hold a terabyte.
 */
class PortQueueBudgetTest extends SocketHostTest {
  /** The bound of this host: small, so that the test posts little. */
  private static final int BUDGET = 64 * 1024;
  /** Two such messages fit the budget, a third does not (each also costs 64 bytes). */
  private static final int MESSAGE = 30 * 1024;

  @Override
  IpcHost.Builder options() {
    return super.options().maxOutboundBytes(BUDGET);
  }

  @Test
  void aRenderersMessagesWaitingInUnstartedMainPortsAreBoundedInTotalAndTheOverflowingPortCloses() throws Exception {
    BlockingQueue<MessagePortMain> kept = new LinkedBlockingQueue<>();
    List<CompletableFuture<Void>> closed = new CopyOnWriteArrayList<>();
    host.ipcMain().on("keep", (event, args) -> { // keeps the port, as an app may, and does not start it yet
      MessagePortMain port = event.ports().get(0);
      CompletableFuture<Void> heard = new CompletableFuture<>();
      port.onClose(() -> heard.complete(null));
      closed.add(heard);
      kept.add(port);
    });
    CompletableFuture<Void> done = new CompletableFuture<>();
    host.ipcMain().on("done", (event, args) -> done.complete(null));
    byte[] message = TestPeer.CODEC.encodeValue(new byte[MESSAGE]);
    try (LogCapture log = new LogCapture().quiet(); TestPeer flooder = TestPeer.authenticated(host)) {
      WebContents flooderContents = flooder.admitted.get(10, TimeUnit.SECONDS);
      ByteArrayOutputStream frames = new ByteArrayOutputStream();
      for (int pair = 0; pair < 4; pair++) {
        long mine = flooder.portId(2 * pair + 1);
        long given = flooder.portId(2 * pair + 2);
        TestPeer.append(frames, new Message.PortChannel(mine, given));
        TestPeer.append(frames, new Message.PostMessage(Message.MAIN_FRAME_ID, "keep", new long[] {given},
            TestPeer.args((Object) null)));
        if (pair < 3) {
          TestPeer.append(frames, new Message.PortPost(mine, new long[0], message)); // the third passes the bound
        }
      }
      TestPeer.append(frames, new Message.Send(Message.MAIN_FRAME_ID, "done", TestPeer.args()));
      flooder.write(frames.toByteArray());
      done.get(10, TimeUnit.SECONDS);

      closed.get(2).get(10, TimeUnit.SECONDS); // the port whose message passed the bound closed
      assertThat(log.any("closing port", "renderer " + flooderContents.id(), "maxOutboundBytes")).isTrue();
      List<MessagePortMain> ports = new ArrayList<>(kept);
      BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
      ports.get(0).onMessage(event -> arrived.add(((byte[]) event.data()).length));
      ports.get(0).start(); // its message is taken: its bytes no longer count
      assertThat(arrived.poll(10, TimeUnit.SECONDS)).isEqualTo(MESSAGE);

      flooder.write(ByteBuffer.wrap(frame(new Message.PortPost(flooder.portId(7), new long[0], message))));
      ports.get(3).onMessage(event -> arrived.add("fourth: " + ((byte[]) event.data()).length));
      ports.get(3).start();
      assertThat(arrived.poll(10, TimeUnit.SECONDS)).isEqualTo("fourth: " + MESSAGE);
      assertThat(closed.get(0).isDone() || closed.get(1).isDone() || closed.get(3).isDone()).isFalse();
      assertThat(flooderContents.isDestroyed()).isFalse();
    }
  }

  @Test
  void messagesTheMainProcessQueuesInItsOwnPortsCountAgainstNoRenderer() throws Exception {
    MessageChannelMain channel = new MessageChannelMain();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    channel.port2().onClose(() -> closed.complete(null));
    for (int i = 0; i < 4; i++) { // twice the budget, within the bound of one port
      channel.port1().postMessage(new byte[MESSAGE]);
    }
    BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    channel.port2().onMessage(event -> arrived.add(((byte[]) event.data()).length));
    channel.port2().start();
    for (int i = 0; i < 4; i++) {
      assertThat(arrived.poll(10, TimeUnit.SECONDS)).isEqualTo(MESSAGE);
    }
    assertThat(closed.isDone()).isFalse();
  }

  private static byte[] frame(Message message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TestPeer.append(out, message);
    return out.toByteArray();
  }
}
