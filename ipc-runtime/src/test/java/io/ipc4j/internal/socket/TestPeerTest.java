package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

  @Test
  void aRawPeerAnswersTheHostsCallAndAnAnswerNobodyAskedForIsDropped() throws Exception {
    try (IpcHost host = ChildProcessTest.host().overSockets();
        TestPeer peer = TestPeer.authenticated(host)) {
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      peer.write(TestPeer.callReply(12345, true, TestPeer.CODEC.encodeValue("unasked")));
      CompletableFuture<Object> answer = peer.admitted.get(10, TimeUnit.SECONDS).invoke("dirty", 1);
      ByteBuffer call = peer.readFrame(Duration.ofSeconds(10));
      assertThat(call.get() & 0xff).isEqualTo(Frames.CALL);
      long callId = call.getLong();
      assertThat(call.getInt()).isEqualTo(1); // the main frame
      byte[] channel = new byte[call.getInt()];
      call.get(channel);
      assertThat(new String(channel, StandardCharsets.UTF_8)).isEqualTo("dirty");
      byte[] args = new byte[call.remaining()];
      call.get(args);
      assertThat(TestPeer.CODEC.decodeArgs(args)).asList().containsExactly(1);
      peer.write(TestPeer.callReply(callId, true, TestPeer.CODEC.encodeValue(false)));
      assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(false);
      peer.write(TestPeer.invoke(8, "echo", TestPeer.args("still here")));
      assertThat(peer.readReply(Duration.ofSeconds(10))).isEqualTo(new TestPeer.Reply(8, true, "still here"));
    }
  }
}
