package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcIncoming;
import io.ipc4j.WebContents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What an interceptor learns of a sender over sockets comes from the host, not from the bytes: a raw peer is seen as
 * the renderer its ticket admitted, and one that claims a frame it does not have is cut off before any interceptor
 * sees the message.
 */
class InterceptedSenderTest {
  @Test
  void aRawPeerIsSeenAsTheRendererItsTicketAdmittedAndCannotClaimAnotherFrame() throws Exception {
    List<IpcIncoming> seen = new CopyOnWriteArrayList<>();
    IpcHost.Builder builder = ChildProcessTest.host().interceptor(message -> {
      seen.add(message);
      return null;
    });
    try (IpcHost host = builder.overSockets();
        TestPeer first = TestPeer.authenticated(host);
        TestPeer second = TestPeer.authenticated(host)) {
      host.ipcMain().handle("who", (event, args) -> event.sender().id());
      WebContents secondContents = second.admitted.get(10, TimeUnit.SECONDS);

      second.write(TestPeer.invoke(1, "who", TestPeer.args()));
      assertThat(second.readReply(Duration.ofSeconds(10))).isEqualTo(new TestPeer.Reply(1, true, second.rendererId));
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0).sender()).isSameInstanceAs(secondContents);
      assertThat(seen.get(0).frameId()).isEqualTo(1);

      second.write(sendFromFrame(7, "who", TestPeer.args())); // a frame the host never gave it
      assertThat(second.hostHangsUpWithin(Duration.ofSeconds(10))).isTrue();
      assertThat(seen).hasSize(1);

      first.write(TestPeer.invoke(2, "who", TestPeer.args()));
      assertThat(first.readReply(Duration.ofSeconds(10))).isEqualTo(new TestPeer.Reply(2, true, first.rendererId));
      assertThat(seen.get(1).sender()).isSameInstanceAs(first.admitted.get());
    }
  }

  /** A SEND frame (see docs/protocol.md) that claims to come from {@code frameId}. */
  private static ByteBuffer sendFromFrame(int frameId, String channel, byte[] payload) {
    byte[] utf8 = channel.getBytes(StandardCharsets.UTF_8);
    int body = 1 + 4 + 4 + utf8.length + payload.length;
    return ByteBuffer.allocate(4 + body).putInt(body).put((byte) Frames.SEND).putInt(frameId).putInt(utf8.length)
        .put(utf8).put(payload).flip();
  }
}
