package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.codec.ValueCodec;
import org.junit.jupiter.api.Test;

/** The message vocabulary: directions and the form of a failed reply. */
class MessageTest {
  private static final ValueCodec CODEC = new ValueCodec(new CodecRegistry());

  @Test
  void pushesRepliesAndTheMainProcessesCallsAndTheirCancelsGoToTheRendererAndEverythingElseToTheMain() {
    byte[] none = new byte[0];
    assertThat(new Message.Push(1, "c", none).direction()).isEqualTo(Message.Direction.TO_RENDERER);
    assertThat(new Message.Reply(1, true, none).direction()).isEqualTo(Message.Direction.TO_RENDERER);
    assertThat(new Message.Send(1, "c", none).direction()).isEqualTo(Message.Direction.TO_MAIN);
    assertThat(new Message.SendSync(1, 1, "c", none).direction()).isEqualTo(Message.Direction.TO_MAIN);
    assertThat(new Message.Invoke(1, 1, "c", 1000, none).direction()).isEqualTo(Message.Direction.TO_MAIN);
    assertThat(new Message.OpenFrame(1).direction()).isEqualTo(Message.Direction.TO_MAIN);
    assertThat(new Message.CallRenderer(1, 1, "c", 1000, none).direction()).isEqualTo(Message.Direction.TO_RENDERER);
    assertThat(new Message.CancelCall(1).direction()).isEqualTo(Message.Direction.TO_RENDERER);
    assertThat(new Message.RendererReply(1, true, none).direction()).isEqualTo(Message.Direction.TO_MAIN);
    assertThat(new Message.Cancel(1).direction()).isEqualTo(Message.Direction.TO_MAIN);
  }

  @Test
  void aTimeoutTravelsAsWholeMillisecondsRoundedUpAndNeverZero() {
    assertThat(Message.timeoutMillis(java.time.Duration.ofMillis(1500))).isEqualTo(1500);
    assertThat(Message.timeoutMillis(java.time.Duration.ofNanos(1))).isEqualTo(1);
    assertThat(Message.timeoutMillis(java.time.Duration.ofNanos(2_000_001))).isEqualTo(3);
    assertThat(Message.timeoutMillis(java.time.Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aFailedReplyCarriesTheRemoteTypeAndMessage() {
    Message.Reply reply = Message.Reply.failed(7, "java.lang.IllegalStateException", "no notes", CODEC);
    assertThat(reply.callId()).isEqualTo(7);
    assertThat(reply.ok()).isFalse();
    assertThat(Message.Reply.failureFields(reply.payload(), CODEC))
        .asList().containsExactly("java.lang.IllegalStateException", "no notes").inOrder();
  }

  @Test
  void aFailedReplyMayHaveNoMessage() {
    Message.Reply reply = Message.Reply.failed(8, "java.lang.NullPointerException", null, CODEC);
    assertThat(Message.Reply.failureFields(reply.payload(), CODEC))
        .asList().containsExactly("java.lang.NullPointerException", null).inOrder();
  }
}
