package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.MessageChannel;
import io.ipc4j.MessagePort;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;
import io.ipc4j.internal.Message;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §11 for the ports a renderer makes: a pair counts against the renderer that made it until the host keeps
 * neither of its ends, wherever they went, so one renderer cannot make the host keep more than 65,536 ends by giving
 * its pairs away; and ports a renderer receives never count against it, so no renderer can push another past the
 * bound and have it cut off.
 */
class PortCountTest extends SocketHostTest {
  /** The most port ends the pairs of one renderer may keep in the host (docs/protocol.md, section 5). */
  private static final int MAX_ENDS = 1 << 16;

  @Test
  void aRendererThatGivesAwayEveryPairItMakesIsCutOffOnceItsPairsKeepTheBoundOfEnds() throws Exception {
    AtomicInteger taken = new AtomicInteger();
    host.ipcMain().on("take", (event, args) -> taken.incrementAndGet()); // keeps the ports open, ignores them
    byte[] nothing = TestPeer.args((Object) null);
    try (TestPeer rogue = TestPeer.authenticated(host)) {
      WebContents rogueContents = rogue.admitted.get(10, TimeUnit.SECONDS);
      ByteArrayOutputStream frames = new ByteArrayOutputStream();
      for (int pair = 0; pair < MAX_ENDS / 2; pair++) { // exactly the bound: allowed
        long a = rogue.portId(2 * pair + 1);
        long b = rogue.portId(2 * pair + 2);
        TestPeer.append(frames, new Message.PortChannel(a, b));
        TestPeer.append(frames, new Message.PostMessage(Message.MAIN_FRAME_ID, "take", new long[] {a, b}, nothing));
      }
      long more = rogue.portId(MAX_ENDS + 1);
      TestPeer.append(frames, new Message.PortChannel(more, rogue.portId(MAX_ENDS + 2))); // one pair more
      rogue.write(frames.toByteArray());

      assertThat(rogue.hostHangsUpWithin(Duration.ofSeconds(10))).isTrue();
      assertThat(rogueContents.isDestroyed()).isTrue();
      assertThat(taken.get()).isEqualTo(MAX_ENDS / 2); // every pair up to the bound was taken, in order
    }
  }

  @Test
  void portsARendererReceivesNeverCountAgainstItSoAnotherCannotHaveItCutOff() throws Exception {
    Renderer victim = host.openRenderer();
    CompletableFuture<MessagePort> victimPort = new CompletableFuture<>();
    victim.ipcRenderer().on("port", (event, args) -> victimPort.complete(event.ports().get(0))); // never started
    host.ipcMain().on("forward", (event, args) -> victim.webContents().postMessage("port", null, event.ports()));
    CompletableFuture<Void> done = new CompletableFuture<>();
    host.ipcMain().on("done", (event, args) -> done.complete(null));
    CompletableFuture<Object> victimsOwn = new CompletableFuture<>();
    host.ipcMain().on("mine", (event, args) -> victimsOwn.complete(event.ports().size()));
    try (TestPeer pusher = TestPeer.authenticated(host)) {
      long toVictim = pusher.portId(1);
      long victimEnd = pusher.portId(2);
      ByteArrayOutputStream frames = new ByteArrayOutputStream();
      TestPeer.append(frames, new Message.PortChannel(toVictim, victimEnd));
      TestPeer.append(frames, new Message.PostMessage(Message.MAIN_FRAME_ID, "forward", new long[] {victimEnd},
          TestPeer.args((Object) null)));
      byte[] nothing = TestPeer.CODEC.encodeValue(null);
      for (int pair = 1; pair < MAX_ENDS / 2; pair++) { // the pusher's own pairs stay within its bound
        long a = pusher.portId(2 * pair + 1);
        long b = pusher.portId(2 * pair + 2);
        TestPeer.append(frames, new Message.PortChannel(a, b));
        TestPeer.append(frames, new Message.PortPost(toVictim, new long[] {a, b}, nothing));
      }
      TestPeer.append(frames, new Message.Send(Message.MAIN_FRAME_ID, "done", TestPeer.args()));
      pusher.write(frames.toByteArray());
      done.get(20, TimeUnit.SECONDS); // the host has relayed every pair: the victim received 65,535 ports
      victimPort.get(10, TimeUnit.SECONDS);

      MessageChannel own = victim.ipcRenderer().createMessageChannel();
      victim.ipcRenderer().postMessage("mine", null, List.of(own.port2()));

      assertThat(victimsOwn.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(victim.webContents().isDestroyed()).isFalse();
    }
  }
}
