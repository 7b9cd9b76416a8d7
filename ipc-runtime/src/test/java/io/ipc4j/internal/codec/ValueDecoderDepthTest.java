package io.ipc4j.internal.codec;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static io.ipc4j.internal.codec.AdversarialInputs.concat;
import static io.ipc4j.internal.codec.AdversarialInputs.ext;
import static io.ipc4j.internal.codec.AdversarialInputs.hex;
import static io.ipc4j.internal.codec.AdversarialInputs.str;

import io.ipc4j.spi.RecordCodec;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Every recursive path counts toward the 512-level limit, and 512 levels decode (hash codes and comparisons of deep
 * keys included) on a thread with the default stack size, without a StackOverflowError.
 */
class ValueDecoderDepthTest {
  /** A record with one untyped component, so that records can nest in records. */
  record Box(Object content) {}

  static final RecordCodec<Box> BOX_CODEC = TestCodecs.recordCodec(Box.class, List.of("content"),
      box -> new Object[] {box.content()}, components -> new Box(components[0]));

  /** Codecs for no record or enum but the tests' own. */
  private static final ValueCodec CODEC = TestCodecs.codec(BOX_CODEC);

  static final String BOX = "io.ipc4j.internal.codec.ValueDecoderDepthTest$Box";

  /** Decodes on a new thread with the default stack size; returns what it threw, or null. */
  private static Throwable decodeOnAFreshThread(byte[] input) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        CODEC.decodeValue(input);
      } catch (Throwable e) {
        thrown.set(e);
      }
    }, "default-stack", 0);
    t.start();
    t.join();
    return thrown.get();
  }

  /** {@code levels} arrays of one element around {@code innermost} (every value, scalars too, is one level). */
  private static byte[] lists(int levels, byte[] innermost) {
    return concat(AdversarialInputs.nested(0x91, levels, ""), innermost);
  }

  /** Shapes whose nesting is {@code depth} levels in all, by path. */
  private static List<Object[]> paths() {
    return List.of(
        new Object[] {"arrays", (IntFunction<byte[]>) depth -> lists(depth - 1, hex("90"))},
        new Object[] {"maps through values", (IntFunction<byte[]>) depth -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          for (int i = 0; i < depth - 1; i++) {
            out.writeBytes(hex("8100"));
          }
          out.writeBytes(hex("80"));
          return out.toByteArray();
        }},
        new Object[] {"a map keyed by a deep list, twice (hashCode and equals)", (IntFunction<byte[]>) depth -> {
          byte[] key = lists(depth - 2, hex("01"));
          return concat(hex("82"), key, hex("00"), key, hex("01"));
        }},
        new Object[] {"a set of a deep list, twice", (IntFunction<byte[]>) depth -> {
          byte[] element = lists(depth - 3, hex("01")); // the extension and its array are two levels
          return ext(1, concat(hex("92"), element, element));
        }},
        new Object[] {"records in records", (IntFunction<byte[]>) depth -> {
          byte[] value = hex("c0");
          int levels = 1;
          for (; levels + 2 <= depth; levels += 2) { // a record is the extension and its component map
            value = ext(6, concat(str(BOX), hex("81"), str("content"), value));
          }
          return levels < depth ? lists(depth - levels, value) : value;
        }},
        new Object[] {"an enum whose constant is deep", (IntFunction<byte[]>) depth ->
            ext(7, concat(str(AdversarialInputs.COLOR), lists(depth - 2, hex("90"))))},
        new Object[] {"a big decimal whose scale is deep", (IntFunction<byte[]>) depth ->
            ext(5, concat(lists(depth - 2, hex("90")), hex("01")))},
        new Object[] {"a duration whose seconds are deep", (IntFunction<byte[]>) depth ->
            ext(8, concat(lists(depth - 2, hex("90")), hex("00")))});
  }

  @Test
  void everyPathDecodes512LevelsOnADefaultStackAndRefuses513AsMalformed() throws InterruptedException {
    for (Object[] path : paths()) {
      String name = (String) path[0];
      @SuppressWarnings("unchecked")
      IntFunction<byte[]> build = (IntFunction<byte[]>) path[1];
      Throwable at512 = decodeOnAFreshThread(build.apply(ValueCodec.MAX_DEPTH));
      assertWithMessage("%s at 512 levels threw %s", name, at512).that(
          at512 == null || at512 instanceof MalformedValueException && !at512.getMessage().contains("nesting"))
          .isTrue();
      Throwable at513 = decodeOnAFreshThread(build.apply(ValueCodec.MAX_DEPTH + 1));
      assertWithMessage("%s at 513 levels", name).that(at513).isInstanceOf(MalformedValueException.class);
      assertWithMessage("%s at 513 levels", name).that(at513).hasMessageThat().contains("nesting deeper than 512");
    }
  }

  @Test
  void setsCountTheirArrayAsALevel() throws InterruptedException {
    byte[] set = ext(1, lists(ValueCodec.MAX_DEPTH - 2, hex("90")));
    assertThat(decodeOnAFreshThread(set)).isNull(); // the set, its array, 510 lists
    byte[] deeper = ext(1, lists(ValueCodec.MAX_DEPTH - 1, hex("90")));
    assertThat(decodeOnAFreshThread(deeper)).isInstanceOf(MalformedValueException.class);
  }

  @Test
  void aRecordRefusingADeepComponentReportsWithoutPrintingIt() throws InterruptedException {
    byte[] point = ext(6, concat(str(AdversarialInputs.POINT), hex("81a178"), lists(500, hex("01"))));
    Throwable e = decodeOnAFreshThread(point);
    assertThat(e).isInstanceOf(MalformedValueException.class);
    assertThat(e.getMessage().length()).isLessThan(400);
  }
}
