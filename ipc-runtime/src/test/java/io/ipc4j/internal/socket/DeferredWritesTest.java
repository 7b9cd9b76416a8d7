package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.internal.Message;
import io.ipc4j.internal.Poller;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The polling loop writes what it sends to a socket at once, unless it wrote there less than
 * {@link LoopWrites#BURST_NANOS} ago: such a frame waits for its next write there, at the latest once the loop is done
 * with its task, the socket's frames or its timed checks. So a burst costs a few system calls rather than one a frame,
 * and sends further apart go out as they are made. Frames sent from any other thread are written at once.
 */
@Timeout(20) // a frame that is never written would otherwise block the peer's read for ever
class DeferredWritesTest {
  @TempDir Path dir;
  private SocketPair pair;
  private Connection connection;

  @BeforeEach
  void connect() throws IOException {
    pair = new SocketPair(dir);
    connection = new Connection(pair.hostEnd, "polled", 1 << 20);
  }

  @AfterEach
  void close() throws IOException {
    pair.close();
  }

  private static Message.Push push(String channel) {
    return new Message.Push(1, channel, channel.getBytes(StandardCharsets.UTF_8));
  }

  /** Checks that the peer has nothing to read now, without waiting; the peer's end blocks again afterwards. */
  private void assertPeerHasNothingToRead() throws IOException {
    pair.peerEnd.configureBlocking(false);
    try {
      assertThat(pair.peerEnd.read(ByteBuffer.allocate(1 << 16))).isAtMost(0);
    } finally {
      pair.peerEnd.configureBlocking(true);
    }
  }

  private List<String> readChannels(int count) throws IOException {
    List<String> channels = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      channels.add(pair.readFrame().head().channel());
    }
    return channels;
  }

  private void startPolled(Connection.Receiver receiver) throws Exception {
    connection.startPolled(receiver, pair.loop);
    CompletableFuture<Void> registered = new CompletableFuture<>();
    pair.loop.execute(() -> registered.complete(null)); // runs after the registration task
    registered.get(10, TimeUnit.SECONDS);
  }

  /**
   * Makes every frame the loop sends from now on wait for a flush point: the loop has just written (an opening
   * frame, read here), and the burst time is a day.
   */
  private void holdEveryLoopFrame() throws Exception {
    connection.loopWrites.burstNanos(TimeUnit.DAYS.toNanos(1));
    pair.loop.execute(() -> connection.send(push("opening")));
    assertThat(readChannels(1)).containsExactly("opening");
  }

  private static Connection.Receiver ignoring() {
    return new Connection.Receiver() {
      @Override
      public void frame(Frames.Head head, byte[] payload) {}

      @Override
      public void closed(String reason) {}
    };
  }

  @Test
  void framesTheLoopSendsInABurstAreWrittenTogetherWhenTheTaskEnds() throws Exception {
    startPolled(ignoring());
    connection.loopWrites.burstNanos(TimeUnit.DAYS.toNanos(1));
    CompletableFuture<List<String>> seenInTask = new CompletableFuture<>();
    pair.loop.execute(() -> {
      try {
        for (int i = 0; i < 100; i++) {
          connection.send(push("burst" + i));
        }
        List<String> first = readChannels(1); // the first frame is written at once
        assertPeerHasNothingToRead(); // and nothing after it while the task runs
        seenInTask.complete(first);
      } catch (Throwable t) {
        seenInTask.completeExceptionally(t);
      }
    });
    assertThat(seenInTask.get(10, TimeUnit.SECONDS)).containsExactly("burst0");
    List<String> expected = new ArrayList<>();
    for (int i = 1; i < 100; i++) {
      expected.add("burst" + i);
    }
    assertThat(readChannels(99)).containsExactlyElementsIn(expected).inOrder();
    CompletableFuture<Long> left = new CompletableFuture<>();
    pair.loop.execute(() -> left.complete(connection.outboundBytes())); // after the write that ended the burst's task
    assertThat(left.get(10, TimeUnit.SECONDS)).isEqualTo(0);
  }

  @Test
  void framesTheLoopSendsFurtherApartThanABurstAreEachWrittenAtOnce() throws Exception {
    // As a handler that reports progress while it works on the loop: every message goes out as it is sent.
    startPolled(ignoring());
    CompletableFuture<List<String>> seenInTask = new CompletableFuture<>();
    pair.loop.execute(() -> {
      try {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          Thread.sleep(TimeUnit.NANOSECONDS.toMillis(LoopWrites.BURST_NANOS) + 1);
          connection.send(push("progress" + i));
          seen.addAll(readChannels(1));
        }
        seenInTask.complete(seen);
      } catch (Throwable t) {
        seenInTask.completeExceptionally(t);
      }
    });
    assertThat(seenInTask.get(10, TimeUnit.SECONDS)).containsExactly("progress0", "progress1", "progress2").inOrder();
  }

  @Test
  void answersToASocketsFramesAreWrittenOnceTheLoopHasHandledThem() throws Exception {
    // No task follows: without a write after the socket's frames are handled, the answers would wait forever.
    startPolled(new Connection.Receiver() {
      @Override
      public void frame(Frames.Head head, byte[] payload) {
        connection.send(push("answer-" + head.channel()));
      }

      @Override
      public void closed(String reason) {}
    });
    holdEveryLoopFrame();
    ByteBuffer frames = ByteBuffer.allocate(1024);
    for (String channel : List.of("a", "b", "c")) {
      Message.Send send = new Message.Send(0, channel, new byte[] {1});
      frames.put(Frames.header(send)).put(new byte[] {1});
    }
    frames.flip();
    while (frames.hasRemaining()) {
      pair.peerEnd.write(frames);
    }
    assertThat(readChannels(3)).containsExactly("answer-a", "answer-b", "answer-c").inOrder();
  }

  @Test
  void whatATimedCheckSendsIsWrittenOnceTheChecksHaveRun() throws Exception {
    startPolled(ignoring());
    holdEveryLoopFrame();
    AtomicInteger runs = new AtomicInteger();
    pair.loop.execute(() -> pair.loop.poller().addTimed(now -> {
      if (runs.incrementAndGet() == 1) {
        return now + TimeUnit.MILLISECONDS.toNanos(50); // the first run is within the task that added it
      }
      connection.send(push("from-a-check")); // the second, later, while the loop waits on its sockets
      return Poller.DROP;
    }));
    assertThat(readChannels(1)).containsExactly("from-a-check");
    assertThat(runs.get()).isEqualTo(2);
  }

  @Test
  void framesTheLoopHeldBackReachAPeerItLetsGoInGoodOrder() throws Exception {
    // As the host's loop sends a renderer a last message and its GOODBYE, then closes its socket, in one task.
    startPolled(ignoring());
    holdEveryLoopFrame();
    pair.loop.execute(() -> {
      connection.send(push("last"));
      connection.send(push("goodbye"));
      connection.closeAfterWrites("let go");
    });
    assertThat(readChannels(2)).containsExactly("last", "goodbye").inOrder();
    assertThat(pair.peerEnd.read(ByteBuffer.allocate(1))).isEqualTo(-1);
    assertThat(connection.closeReason()).isEqualTo("let go");
  }

  @Test
  void aFrameFromAnotherThreadFollowsTheFramesTheLoopHeldBack() throws Exception {
    // Messages to a renderer keep the order they were sent in: a held frame is queued, only its write waits, and
    // whoever writes next writes it first.
    startPolled(ignoring());
    holdEveryLoopFrame();
    CompletableFuture<Void> held = new CompletableFuture<>();
    CompletableFuture<Void> release = new CompletableFuture<>();
    pair.loop.execute(() -> {
      connection.send(push("held"));
      held.complete(null);
      release.join(); // the task goes on: the held frame is not written by the loop yet
    });
    try {
      held.get(10, TimeUnit.SECONDS);
      connection.send(push("from-another-thread"));
      assertThat(readChannels(2)).containsExactly("held", "from-another-thread").inOrder();
    } finally {
      release.complete(null);
    }
  }

  @Test
  void aFrameSentFromAnotherThreadIsWrittenBeforeSendReturns() throws Exception {
    startPolled(ignoring());
    CompletableFuture<Void> blockLoop = new CompletableFuture<>();
    pair.loop.execute(blockLoop::join); // the loop is busy: nothing of its own could write this frame
    try {
      connection.send(push("now"));
      assertThat(readChannels(1)).containsExactly("now");
    } finally {
      blockLoop.complete(null);
    }
  }
}
