package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile values sent through a real socket by a peer that speaks the protocol: each fails only its own call, with
 * the malformed-value error, in bounded memory and time, while another renderer's calls keep their latency.
 */
class DecodingAttackTest {
  private IpcHost host;
  private Thread echoer;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong worstEchoNanos = new AtomicLong();
  private final AtomicLong echoes = new AtomicLong();

  @BeforeEach
  void open() {
    host = ChildProcessTest.host().overSockets();
    host.ipcMain().handle("echo", (event, args) -> args[0]);
    IpcRenderer other = host.openRenderer().ipcRenderer();
    other.invoke("echo", 0).join();
    echoer = new Thread(() -> {
      for (int i = 0; !stop.get(); i++) {
        long start = System.nanoTime();
        Object back = other.invoke("echo", i).join();
        long took = System.nanoTime() - start;
        worstEchoNanos.accumulateAndGet(took, Math::max);
        if (!Integer.valueOf(i).equals(back)) {
          throw new AssertionError("echo " + i + " came back as " + back);
        }
        echoes.incrementAndGet();
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "other-renderer");
    echoer.start();
  }

  @AfterEach
  void close() throws Exception {
    stop.set(true);
    echoer.join(5_000);
    host.close();
  }

  /** Sends one INVOKE whose payload is the given bytes and returns the reply, measuring the main loop's allocation. */
  private TestPeer.Reply attack(byte[] payload, long[] allocatedOnLoop) throws Exception {
    Thread loop = FrameReadingLimitsTest.mainLoopThread(host);
    try (TestPeer peer = TestPeer.authenticated(host)) {
      long before = FrameReadingLimitsTest.allocatedBy(loop);
      peer.write(TestPeer.invoke(1, "echo", payload));
      TestPeer.Reply reply = peer.readReply(Duration.ofSeconds(20));
      allocatedOnLoop[0] = FrameReadingLimitsTest.allocatedBy(loop) - before;
      // The peer is still connected and served: only its call failed.
      peer.write(TestPeer.invoke(2, "echo", TestPeer.args("after")));
      assertThat(peer.readReply(Duration.ofSeconds(10))).isEqualTo(new TestPeer.Reply(2, true, "after"));
      return reply;
    }
  }

  private void assertOtherRendererUnaffected() throws Exception {
    long seen = echoes.get();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (echoes.get() < seen + 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(echoes.get()).isAtLeast(seen + 3);
    assertThat(worstEchoNanos.get()).isLessThan(1_000_000_000L);
  }

  private static void assertMalformed(TestPeer.Reply reply) {
    assertThat(reply.ok()).isFalse();
    Object[] error = (Object[]) reply.value();
    assertThat(String.valueOf(error[1])).startsWith("Malformed IPC value");
  }

  @Test
  void nestedArraysClaimingEveryRemainingByteAllocateLittle() throws Exception {
    int size = 256 * 1024;
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put((byte) 0x91);
    for (int level = 0; level < 600; level++) {
      b.put((byte) 0xdd).putInt(b.remaining() - 4);
    }
    while (b.hasRemaining()) {
      b.put((byte) 0xc0);
    }
    long[] allocated = new long[1];
    assertMalformed(attack(b.array(), allocated));
    // Before: about 2,040 bytes per input byte (535 MB for these 256 KiB).
    assertThat(allocated[0]).isLessThan(64L * size);
    assertOtherRendererUnaffected();
  }

  @Test
  void aMapOfTwentyThousandCollidingKeysIsRefusedQuickly() throws Exception {
    int keys = 20_000;
    ByteBuffer b = ByteBuffer.allocate(1 + 5 + keys * 12);
    b.put((byte) 0x91).put((byte) 0xdf).putInt(keys);
    for (int a = 1; a <= keys; a++) {
      // [a, -31a]: every such list has the hash code 961.
      b.put((byte) 0x92).put((byte) 0xd2).putInt(a).put((byte) 0xd2).putInt(-31 * a).put((byte) 0xc0);
    }
    long start = System.nanoTime();
    long[] allocated = new long[1];
    TestPeer.Reply reply = attack(b.array(), allocated);
    long took = System.nanoTime() - start;
    assertMalformed(reply);
    // Before: 13 s on the main loop, every other renderer waiting.
    assertThat(took).isLessThan(2_000_000_000L);
    assertOtherRendererUnaffected();
  }

  @Test
  void overflowingDurationsAndTimestampsAreMalformedValues() throws Exception {
    for (String hex : new String[] {
        "c70e08cf7fffffffffffffffd27fffffff", "c70e08d38000000000000000d2ffffffff", "c70cffffffffff7fffffffffffffff"}) {
      byte[] value = HexFormat.of().parseHex(hex);
      byte[] payload = new byte[value.length + 1];
      payload[0] = (byte) 0x91;
      System.arraycopy(value, 0, payload, 1, value.length);
      long[] allocated = new long[1];
      assertMalformed(attack(payload, allocated));
    }
    assertOtherRendererUnaffected();
  }
}
