package io.ipc4j.internal.codec;

import static com.google.common.truth.Truth.assertWithMessage;

import io.ipc4j.IpcException;
import io.ipc4j.internal.codec.AdversarialInputs.Attack;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoding allocates at most {@link #FACTOR} bytes per input byte plus a constant, whatever the input claims:
 * measured with the thread's own allocation counter over every adversarial shape.
 */
class ValueDecoderAllocationTest {
  /** Codecs for no record or enum but the tests' own. */
  private static final ValueCodec CODEC = TestCodecs.codec();

  /**
   * The most bytes decoding may allocate per input byte. Measured with compressed object references on JDK 17 and
   * 25, the worst shape is a tree of small maps each the key of the next: up to about 215 bytes per byte while
   * {@code AbstractMap.hashCode} still runs interpreted (an iterator per call), 105 to 120 once compiled; one empty
   * map per byte takes 68. The bound leaves a margin over the worst measured.
   */
  static final int FACTOR = 320;

  /** The decoder's scratch, one-time class setup and, on failure, an exception with its stack trace. */
  static final long CONSTANT = 256 * 1024;

  static List<Attack> shapes() {
    return AdversarialInputs.shapes();
  }

  /** Decodes {@code input} as one value and returns the bytes that took, whether it decoded or was refused. */
  static long allocatedDecoding(byte[] input) {
    long before = AdversarialInputs.allocatedByThisThread();
    try {
      CODEC.decodeValue(input);
    } catch (IpcException refused) {
      // what it cost to get there counts as much
    }
    return AdversarialInputs.allocatedByThisThread() - before;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void allocationStaysWithinTheFactorOfTheInputAt64KiBAnd1MiB(Attack shape) {
    allocatedDecoding(shape.build().apply(4096)); // loads what the shape's classes need once
    for (int size : new int[] {64 * 1024, 1024 * 1024}) {
      byte[] input = shape.build().apply(size);
      long allocated = allocatedDecoding(input);
      System.out.printf("allocation %-55s %8d bytes -> %11d allocated, %6.1f per byte%n", shape.name(),
          input.length, allocated, (double) allocated / input.length);
      assertWithMessage("%s of %s bytes allocated %s bytes", shape.name(), input.length, allocated)
          .that(allocated).isAtMost((long) FACTOR * input.length + CONSTANT);
    }
  }

  @Test
  void anArgumentOfNestedArraysClaimingTheRestAllocatesAFewBytesPerInputByteNotThousands() {
    for (int size : new int[] {64 * 1024, 256 * 1024, 1024 * 1024}) {
      byte[] invoke = AdversarialInputs.concat(AdversarialInputs.hex("91"), AdversarialInputs.nestedClaims(size));
      long before = AdversarialInputs.allocatedByThisThread();
      try {
        CODEC.decodeArgs(invoke);
      } catch (MalformedValueException expected) {
        // the outer arrays never get the elements they claim
      }
      long allocated = AdversarialInputs.allocatedByThisThread() - before;
      assertWithMessage("allocated for %s bytes", invoke.length).that(allocated)
          .isAtMost(16L * invoke.length + CONSTANT);
    }
  }
}
