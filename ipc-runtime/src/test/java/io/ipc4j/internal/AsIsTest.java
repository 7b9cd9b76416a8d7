package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.codec.ValueCodec;
import org.junit.jupiter.api.Test;

/** Which arrays cross as they are, and how a receiver reads either form of payload. */
class AsIsTest {
  private static final ValueCodec CODEC = new ValueCodec(new CodecRegistry());

  @Test
  void onlyAByteArrayOfAtLeast64KiBThatIsTheOnlyArgumentOrTheAnswerCrossesAsItIsOverAFramingLink() {
    byte[] least = new byte[64 * 1024];
    Object[] one = {least};
    assertThat(AsIs.ofArguments(one, true, CODEC)).isSameInstanceAs(least);
    assertThat(AsIs.isArgument(AsIs.ofArguments(one, true, CODEC), one)).isTrue();
    assertThat(AsIs.ofAnswer(least, true, CODEC)).isSameInstanceAs(least);
    // In process, smaller, among others, or not a byte[]: encoded, and never the argument itself.
    assertEncoded(new Object[] {least}, false);
    assertEncoded(new Object[] {new byte[64 * 1024 - 1]}, true);
    assertEncoded(new Object[] {least, 1}, true);
    assertEncoded(new Object[0], true);
    assertEncoded(new Object[] {new int[64 * 1024]}, true);
    assertEncoded(new Object[] {"x".repeat(64 * 1024)}, true);
    assertThat(AsIs.ofAnswer(least, false, CODEC)).isEqualTo(CODEC.encodeValue(least));
    assertThat(AsIs.ofAnswer(new byte[64 * 1024 - 1], true, CODEC))
        .isEqualTo(CODEC.encodeValue(new byte[64 * 1024 - 1]));
  }

  private static void assertEncoded(Object[] args, boolean framed) {
    byte[] payload = AsIs.ofArguments(args, framed, CODEC);
    assertThat(payload).isEqualTo(CODEC.encodeArgs(args));
    assertThat(AsIs.isArgument(payload, args)).isFalse();
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
