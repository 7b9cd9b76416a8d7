package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A frame's payload is assembled from the pieces in which its bytes arrive into an array of exactly its size,
 * allocating nothing ahead of the bytes, and a large payload's start goes through a staging array that is reused.
 */
class PayloadAssemblyTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final int CHUNK = PayloadAssembly.MIN_PAYLOAD_CHUNK;

  private static byte[] pattern(int length, int seed) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + seed);
    }
    return bytes;
  }

  /** Feeds {@code payload} to the assembly: {@code buffered} bytes at first, then pieces of at most {@code piece}. */
  private static byte[] assemble(PayloadAssembly assembly, byte[] payload, int buffered, int piece) {
    ByteBuffer source = ByteBuffer.wrap(payload);
    ByteBuffer rest = assembly.start(payload.length, source, Math.min(buffered, payload.length));
    while (true) {
      while (rest.hasRemaining()) {
        int n = Math.min(piece, Math.min(rest.remaining(), source.remaining()));
        assertThat(n).isGreaterThan(0); // the assembly never asks for more than the payload holds
        rest.put(source.array(), source.position(), n);
        source.position(source.position() + n);
      }
      if (assembly.whole()) {
        break;
      }
      rest = assembly.rest();
    }
    assertThat(source.hasRemaining()).isFalse();
    assertThat(assembly.inProgress()).isTrue();
    byte[] taken = assembly.take();
    assertThat(assembly.inProgress()).isFalse();
    return taken;
  }

  @Test
  void exactFromIsTheFirstCountOfArrivedBytesForWhichThePayloadsOwnArrayIsAllowed() {
    int[] lengths = {0, 1, CHUNK, CHUNK + CHUNK / 4, CHUNK + CHUNK / 4 + 1, 256 * 1024 + 40, 3 << 20, 64 << 20,
        Integer.MAX_VALUE};
    for (int length : lengths) {
      int from = PayloadAssembly.exactFrom(length);
      assertThat(PayloadAssembly.capacityFor(length, from)).isEqualTo(length);
      if (from > 0) {
        assertThat(PayloadAssembly.capacityFor(length, from - 1)).isLessThan(length);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 80 * 1024 - 1, 80 * 1024, 80 * 1024 + 1, 256 * 1024 + 40, 1 << 20, 3 << 20,
      (5 << 20) + 1})
  void aPayloadArrivingInAnyPiecesIsAssembledWholeIntoAnArrayOfItsSize(int length) {
    PayloadAssembly assembly = new PayloadAssembly();
    int seed = 0;
    for (int buffered : new int[] {0, 1, CHUNK - 5}) {
      for (int piece : new int[] {7_919, 200_000, Integer.MAX_VALUE}) {
        byte[] payload = pattern(length, seed++);
        byte[] assembled = assemble(assembly, payload, buffered, piece);
        assertThat(assembled).isNotSameInstanceAs(payload);
        assertThat(assembled).isEqualTo(payload);
      }
    }
  }

  @Test
  void payloadsOfRandomSizesOneAfterAnotherDoNotLeakIntoEachOther() {
    PayloadAssembly assembly = new PayloadAssembly();
    Random random = new Random(14);
    for (int i = 0; i < 60; i++) {
      int length = random.nextInt(4) == 0 ? random.nextInt(2 << 20) : random.nextInt(100_000);
      byte[] payload = pattern(length, i);
      assertThat(assemble(assembly, payload, random.nextInt(CHUNK), 1 + random.nextInt(300_000)))
          .isEqualTo(payload);
    }
  }

  @Test
  void aRepeatedLargePayloadAllocatesLittleMoreThanItsOwnArray() {
    PayloadAssembly assembly = new PayloadAssembly();
    byte[] payload = pattern(3 << 20, 1);
    assemble(assembly, payload, CHUNK - 5, 200_000); // makes the staging array
    long before = THREADS.getCurrentThreadAllocatedBytes();
    byte[] again = assemble(assembly, payload, CHUNK - 5, 200_000);
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    assertThat(again).isEqualTo(payload);
    // Its own array and a few small objects; growing arrays would add 1.3 MiB.
    assertThat(allocated).isLessThan(payload.length + 16 * 1024L);
  }

  @Test
  void aClaimedLengthCostsAFewTimesTheBytesThatArrivedNotWhatItClaims() {
    PayloadAssembly assembly = new PayloadAssembly();
    int claimed = 64 << 20;
    byte[] arrived = pattern(1 << 20, 3);
    long before = THREADS.getCurrentThreadAllocatedBytes();
    ByteBuffer rest = assembly.start(claimed, ByteBuffer.wrap(arrived), 1000);
    int received = 1000;
    while (received < arrived.length) {
      int n = Math.min(rest.remaining(), arrived.length - received);
      rest.put(arrived, received, n);
      received += n;
      if (!rest.hasRemaining()) {
        assertThat(assembly.whole()).isFalse();
        rest = assembly.rest();
      }
    }
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    // Each array at most four times what had arrived: all of them together 4 * (1 + 1/4 + 1/16 + ...) times.
    assertThat(allocated).isAtMost(16L * received / 3 + CHUNK + 16 * 1024L);
  }
}
