package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The raw test peer is a real renderer to the host: what the chaos tests build on. */
class TestPeerTest {
  @Test
  void aRawPeerWithATicketInvokesLikeARenderer() throws Exception {
    try (IpcHost host = ChildProcessTest.host().overSockets();
        TestPeer peer = TestPeer.authenticated(host)) {
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      peer.write(TestPeer.invoke(7, "echo", TestPeer.args("hi")));
      TestPeer.Reply reply = peer.readReply(Duration.ofSeconds(10));
      assertThat(reply).isEqualTo(new TestPeer.Reply(7, true, "hi"));
      assertThat(peer.admitted.get().id()).isEqualTo(peer.rendererId);
    }
  }
}
