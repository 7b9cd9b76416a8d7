package io.ipc4j.internal.codec;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.internal.codec.TestCodecs.Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A thread encodes and decodes every value with the same scratch encoder and decoder (no writer, encoder or decoder
 * made per value), and what it hands over is still a copy of its own: the guard on the allocation of a call that the
 * benchmark measures.
 */
class CodecScratchTest {
  private static final ValueCodec CODEC = TestCodecs.codec();
  private final CodecRegistry registry = new CodecRegistry();

  @Test
  void aThreadGetsTheSameEncoderForEveryValueOnceItIsGivenBack() {
    CodecScratch scratch = CODEC.scratch();
    ValueEncoder first = scratch.encoder(registry);
    scratch.release(first);
    ValueEncoder second = scratch.encoder(registry);
    scratch.release(second);

    assertThat(second).isSameInstanceAs(first);
    assertThat(second.out()).isSameInstanceAs(first.out());
  }

  @Test
  void anEncodeThatStartsWhileTheThreadsEncoderIsBusyGetsNoneAndUsesItsOwn() {
    CodecScratch scratch = CODEC.scratch();
    ValueEncoder outer = scratch.encoder(registry);
    try {
      assertThat(scratch.encoder(registry)).isNull();
      assertThat(CODEC.decodeValue(CODEC.encodeValue(List.of("nested", 1)))).isEqualTo(List.of("nested", 1));
    } finally {
      scratch.release(outer);
    }
    assertThat(scratch.encoder(registry)).isSameInstanceAs(outer);
    scratch.release(outer);
  }

  @Test
  void eachEncodingIsAnArrayOfItsOwnOfExactlyItsLength() {
    byte[] first = CODEC.encodeArgs(new Object[] {"a", new byte[10]});
    byte[] copyOfFirst = first.clone();
    byte[] second = CODEC.encodeArgs(new Object[] {"bcdef", new byte[3]});

    assertThat(second).isNotSameInstanceAs(first);
    assertThat(first).isEqualTo(copyOfFirst); // the second encode did not write into the first's bytes
    assertThat(first).hasLength(1 + 2 + 2 + 10);
    assertThat(second).hasLength(1 + 6 + 2 + 3);
  }

  @Test
  void anEncodeThatFailsHalfWayLeavesTheEncoderCleanForTheNext() {
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThrows(io.ipc4j.IpcCloneException.class, () -> CODEC.encodeValue(List.of(List.of(cycle))));

    // A path left from the failure would count against the depth limit: the deepest value still encodes.
    Object deepest = nested(ValueCodec.MAX_DEPTH);
    assertThat(CODEC.decodeValue(CODEC.encodeValue(deepest))).isEqualTo(deepest);
    assertThrows(io.ipc4j.IpcCloneException.class, () -> CODEC.encodeValue(nested(ValueCodec.MAX_DEPTH + 1)));
  }

  /** A value of {@code levels} lists, each in the next, the innermost empty. */
  private static Object nested(int levels) {
    List<Object> value = List.of();
    for (int i = 1; i < levels; i++) {
      value = List.of(value);
    }
    return value;
  }

  @Test
  void aLargeValueOfKnownSizeIsHandedOverInTheBufferItWasWrittenTo() {
    byte[] big = new byte[CodecScratch.KEEP * 2];
    Arrays.fill(big, (byte) 7);

    byte[] encoded = CODEC.encodeValue(big);

    assertThat(encoded).hasLength(big.length + 3);
    assertThat((byte[]) CODEC.decodeValue(encoded)).isEqualTo(big);
  }

  @Test
  void aThreadDecodesWithTheSameDecoderAndItKeepsNoReferenceToTheInput() {
    CodecScratch scratch = CODEC.scratch();
    byte[] input = CODEC.encodeValue("x");
    ValueDecoder first = scratch.decoder(registry, input, 0, input.length);
    assertThat(first.read()).isEqualTo("x");
    scratch.release(first, true);
    ValueDecoder second = scratch.decoder(registry, input, 0, input.length);
    scratch.release(second, true);

    assertThat(second).isSameInstanceAs(first);
    assertThat(second.buf).hasLength(0);
    assertThat(second.codecs).isNull();
  }

  @Test
  void aDecoderWhoseDecodeFailedIsLetGo() {
    CodecScratch scratch = CODEC.scratch();
    byte[] input = {(byte) 0xc1};
    ValueDecoder failed = scratch.decoder(registry, input, 0, input.length);
    assertThrows(MalformedValueException.class, failed::read);
    scratch.release(failed, false);

    ValueDecoder next = scratch.decoder(registry, input, 0, input.length);
    scratch.release(next, true);
    assertThat(next).isNotSameInstanceAs(failed);
    assertThat(CODEC.decodeValue(CODEC.encodeValue(new Point(1, 2)))).isEqualTo(new Point(1, 2));
  }

  @Test
  void aDecodeThatStartsWhileTheThreadsDecoderIsBusyGetsAFreshOneAndLeavesTheThreadsAlone() {
    CodecScratch scratch = CODEC.scratch();
    byte[] input = CODEC.encodeValue(5);
    ValueDecoder outer = scratch.decoder(registry, input, 0, input.length);
    ValueDecoder inner = scratch.decoder(registry, input, 0, input.length);
    scratch.release(inner, true);

    assertThat(inner).isNotSameInstanceAs(outer);
    assertThat(outer.read()).isEqualTo(5); // the inner decode did not move the outer's cursor
    scratch.release(outer, true);
    ValueDecoder again = scratch.decoder(registry, input, 0, input.length);
    scratch.release(again, true);
    assertThat(again).isSameInstanceAs(outer);
  }

  @Test
  void aBadRangeIsRefusedWithoutTakingTheThreadsDecoder() {
    CodecScratch scratch = CODEC.scratch();
    assertThat(CODEC.decodeValue(CODEC.encodeValue(1))).isEqualTo(1); // the thread has a decoder to keep
    assertThrows(IllegalArgumentException.class, () -> CODEC.decodeArgs(new byte[2], 1, 5));

    assertThat(CODEC.decodeArgs(CODEC.encodeArgs(new Object[] {"ok"}))).asList().containsExactly("ok");
    byte[] input = CODEC.encodeValue(2);
    ValueDecoder mine = scratch.decoder(registry, input, 0, input.length);
    ValueDecoder other = scratch.decoder(registry, input, 0, input.length);
    scratch.release(other, true);
    scratch.release(mine, true);
    assertThat(other).isNotSameInstanceAs(mine); // the first was the thread's own: it was free after the refusal
  }
  @Test
  void argumentsCopiedForAReceiverInThisJvmAreWhatSendingThemWouldGiveIt() {
    ValueCodec receiver = new ValueCodec(new CodecRegistry()); // it has no codec for Point: it gets the map
    byte[] bytes = {1, 2, 3};
    Object[] args = {new Point(1, 2), bytes, "s"};

    Object[] copy = CODEC.copyArgs(args, receiver);

    assertThat(copy).isEqualTo(receiver.decodeArgs(CODEC.encodeArgs(args)));
    assertThat(copy[1]).isNotSameInstanceAs(bytes);
    assertThat(CODEC.copiedBytes()).isEqualTo(CODEC.encodeArgs(args).length);
  }

  @Test
  void aLargeArrayThatIsTheOnlyArgumentOrTheValueIsCopiedOnceAndWhole() {
    byte[] big = new byte[1 << 20];
    big[0] = 1;
    big[big.length - 1] = 2;
    ValueCodec receiver = new ValueCodec(new CodecRegistry());
    CODEC.copyArgs(new Object[] {big}, receiver); // warm: the thread's scratch is made
    CODEC.copyValue(big, receiver);
    long before = allocated();
    Object[] args = CODEC.copyArgs(new Object[] {big}, receiver);
    Object value = CODEC.copyValue(big, receiver);
    long bytes = allocated() - before;
    assertThat(bytes).isLessThan(2L * big.length + 4096); // one array each, not an encoding and a decoded array
    assertThat(args[0]).isNotSameInstanceAs(big);
    assertThat((byte[]) args[0]).isEqualTo(big);
    assertThat(CODEC.copiedBytes()).isEqualTo(CODEC.encodeValue(big).length);
    assertThat(value).isNotSameInstanceAs(big);
    assertThat((byte[]) value).isEqualTo(big);
    CODEC.copyArgs(new Object[] {big}, receiver);
    assertThat(CODEC.copiedBytes()).isEqualTo(CODEC.encodeArgs(new Object[] {big}).length);
    // From 64 KiB on; a smaller one, or one among others, is encoded and decoded, with the same outcome.
    byte[] smaller = new byte[ValueCodec.LARGE_ARRAY_BYTES - 1];
    assertThat((byte[]) CODEC.copyValue(smaller, receiver)).isEqualTo(smaller);
    assertThat(CODEC.copiedBytes()).isEqualTo(CODEC.encodeValue(smaller).length);
  }

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  @Test
  void whatTheReceiverCannotDecodeComesBackAsItsCauseNotAsTheSendersError() {
    CodecRegistry refusing = new CodecRegistry();
    refusing.addAll(List.of(new TestCodecs.PointCodec() {
      @Override
      public Point create(Object[] c) {
        throw new IllegalStateException("refused by the receiver");
      }
    }));
    ValueCodec receiver = new ValueCodec(refusing);

    ValueCodec.Undecodable thrown =
        assertThrows(ValueCodec.Undecodable.class, () -> CODEC.copyArgs(new Object[] {new Point(1, 2)}, receiver));

    assertThat(thrown).hasCauseThat().hasMessageThat().contains("refused by the receiver");
    assertThrows(io.ipc4j.IpcCloneException.class, // what the sender cannot encode stays the sender's error
        () -> CODEC.copyArgs(new Object[] {new TestCodecs.Unregistered(1)}, receiver));
  }

  @Test
  void aCopyMadeWhileTheThreadsEncoderIsBusyIsTheSame() {
    CodecScratch scratch = CODEC.scratch();
    ValueEncoder busy = scratch.encoder(registry);
    try {
      Object[] copy = CODEC.copyArgs(new Object[] {List.of(1, "two")}, CODEC);
      assertThat(copy).asList().containsExactly(List.of(1, "two"));
      assertThat(CODEC.copiedBytes()).isEqualTo(CODEC.encodeArgs(new Object[] {List.of(1, "two")}).length);
    } finally {
      scratch.release(busy);
    }
  }

  @Test
  void aReusedDecoderRebuildsANameWithTheRegistryOfEachDecodeNotOfTheLast() {
    byte[] point = CODEC.encodeValue(new Point(1, 2));
    byte[] red = CODEC.encodeValue(TestCodecs.Color.RED);
    CodecRegistry points = TestCodecs.codec().registry();
    CodecRegistry other = new CodecRegistry(); // the same wire names, other types
    record OtherPoint(Object x, Object y) {}
    other.add(TestCodecs.recordCodec(OtherPoint.class, new TestCodecs.PointCodec().typeName(), List.of("x", "y"),
        p -> new Object[] {p.x(), p.y()}, c -> new OtherPoint(c[0], c[1])));
    CodecScratch scratch = new ValueCodec(registry).scratch();
    for (int i = 0; i < 2; i++) {
      assertThat(decodeWith(scratch, points, point)).isEqualTo(new Point(1, 2));
      assertThat(decodeWith(scratch, registry, point)).isEqualTo(java.util.Map.of("x", 1, "y", 2));
      assertThat(decodeWith(scratch, other, point)).isEqualTo(new OtherPoint(1, 2));
      assertThat(decodeWith(scratch, points, red)).isEqualTo(TestCodecs.Color.RED);
      assertThat(decodeWith(scratch, registry, red)).isEqualTo("RED");
    }
  }

  /** Decodes one value with the scratch's decoder and {@code codecs}, and gives the decoder back. */
  private static Object decodeWith(CodecScratch scratch, CodecRegistry codecs, byte[] encoded) {
    ValueDecoder decoder = scratch.decoder(codecs, encoded, 0, encoded.length);
    try {
      return decoder.read();
    } finally {
      scratch.release(decoder, true);
    }
  }
}
