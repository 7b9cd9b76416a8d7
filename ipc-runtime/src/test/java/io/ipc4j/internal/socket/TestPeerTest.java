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
      assertThat(call.getLong()).isEqualTo(host.defaultTimeout().toMillis()); // the host's deadline for its call
      byte[] args = new byte[call.remaining()];
      call.get(args);
      assertThat(TestPeer.CODEC.decodeArgs(args)).asList().containsExactly(1);
      peer.write(TestPeer.callReply(callId, true, TestPeer.CODEC.encodeValue(false)));
      assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(false);
      peer.write(TestPeer.invoke(8, "echo", TestPeer.args("still here")));
      assertThat(peer.readReply(Duration.ofSeconds(10))).isEqualTo(new TestPeer.Reply(8, true, "still here"));
    }
  }

  @Test
  void aRawPeersCancelReachesTheHandlerAndItsDeadlineIsTheOneItSent() throws Exception {
    try (IpcHost host = ChildProcessTest.host().overSockets();
        TestPeer peer = TestPeer.authenticated(host)) {
      CompletableFuture<io.ipc4j.IpcMainInvokeEvent> seen = new CompletableFuture<>();
      CompletableFuture<Object> work = new CompletableFuture<>();
      host.ipcMain().handle("slow", (event, args) -> {
        seen.complete(event);
        return work;
      });
      host.ipcMain().handle("forever", (event, args) -> event.deadline());
      peer.write(TestPeer.cancel(99)); // a call the host never had: dropped, no violation
      peer.write(TestPeer.invoke(7, "slow", 5_000, TestPeer.args()));
      io.ipc4j.IpcMainInvokeEvent event = seen.get(10, TimeUnit.SECONDS);
      assertThat(event.deadline()).isAtMost(java.time.Instant.now().plusMillis(5_000));
      peer.write(TestPeer.cancel(7));
      TestPeer.Reply reply = peer.readReply(Duration.ofSeconds(10)); // the cancelled future's failure, dropped
      assertThat(reply.callId()).isEqualTo(7);                         // by a real renderer
      assertThat(reply.ok()).isFalse();
      assertThat(work.isCancelled()).isTrue();
      assertThat(event.isCancelled()).isTrue();
      peer.write(TestPeer.invoke(8, "forever", Long.MAX_VALUE, TestPeer.args()));
      assertThat(peer.readReply(Duration.ofSeconds(10))).isEqualTo(new TestPeer.Reply(8, true, java.time.Instant.MAX));
    }
  }
}
