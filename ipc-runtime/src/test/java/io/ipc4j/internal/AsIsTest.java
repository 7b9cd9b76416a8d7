package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.codec.ValueCodec;
import org.junit.jupiter.api.Test;

/** Which arrays cross as they are, and how a receiver reads either form of payload. */
class AsIsTest {
  private static final ValueCodec CODEC = new ValueCodec(new CodecRegistry());

  @Test
  void onlyAByteArrayOfAtLeast64KiBThatIsTheOnlyArgumentOrTheAnswerCrossesAsItIs() {
    byte[] least = new byte[64 * 1024];
    assertThat(AsIs.ofArguments(new Object[] {least})).isSameInstanceAs(least);
    assertThat(AsIs.ofAnswer(least)).isSameInstanceAs(least);
    assertThat(AsIs.ofArguments(new Object[] {new byte[64 * 1024 - 1]})).isNull();
    assertThat(AsIs.ofAnswer(new byte[64 * 1024 - 1])).isNull();
    assertThat(AsIs.ofArguments(new Object[] {least, 1})).isNull();
    assertThat(AsIs.ofArguments(new Object[0])).isNull();
    assertThat(AsIs.ofArguments(null)).isNull();
    assertThat(AsIs.ofAnswer(new int[64 * 1024])).isNull();
    assertThat(AsIs.ofAnswer("x".repeat(64 * 1024))).isNull();
  }

  @Test
  void aReceiverTakesTheArrayItselfOrDecodesTheEncoding() {
    byte[] big = new byte[70_000];
    Object[] args = AsIs.arguments(new Message.Invoke(1, 1, "c", 10, big, true), CODEC);
    assertThat(args).hasLength(1);
    assertThat(args[0]).isSameInstanceAs(big);
    assertThat(AsIs.answer(new Message.Reply(1, true, big, true), CODEC)).isSameInstanceAs(big);
    assertThat(AsIs.arguments(new Message.Push(1, "c", CODEC.encodeArgs(new Object[] {"a", 2})), CODEC))
        .asList().containsExactly("a", 2).inOrder();
    assertThat(AsIs.answer(new Message.RendererReply(1, true, CODEC.encodeValue(big)), CODEC)).isEqualTo(big);
  }
}
