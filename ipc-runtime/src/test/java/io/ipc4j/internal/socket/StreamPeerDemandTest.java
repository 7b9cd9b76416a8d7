package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.ipc4j.IpcHost;
import io.ipc4j.Renderer;
import io.ipc4j.internal.HostAccess;
import io.ipc4j.internal.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A peer that asks a main handler's stream for everything ({@code Long.MAX_VALUE}), written from docs/protocol.md,
 * does not get the host's main loop for itself: the host asks the handler's publisher for at most a window of items
 * at a time, whatever the peer's credit, and tops it up from a task of the main loop, so a publisher that emits
 * synchronously in {@code request} (as list- and range-backed publishers do) emits a window per turn and other
 * renderers are served between.
 */
class StreamPeerDemandTest {
  /** The most items the host asks a publisher for at once (DemandWindow.WINDOW, the consumer's window too). */
  private static final long WINDOW = 256;

  /** How many items show that the stream goes on past its first windows. */
  private static final long FLOWING = 8 * WINDOW;

  @Test
  void aPeerAskingForEverythingGetsItAWindowAtATimeWhileOtherRenderersAreServed() throws Exception {
    try (IpcHost host = ChildProcessTest.host().overSockets(); TestPeer peer = TestPeer.authenticated(host)) {
      Endless endless = new Endless(0L);
      host.ipcMain().handle("endless", (event, args) -> endless);
      host.ipcMain().handle("ping", (event, args) -> "pong");
      Renderer other = host.openRenderer();
      assertThat(other.ipcRenderer().invoke("ping").get(10, TimeUnit.SECONDS)).isEqualTo("pong");
      CompletableFuture<Long> read = itemsUntilHangUp(peer.channel); // the peer reads all it is sent
      peer.write(TestPeer.frame(new Message.Stream(5, 1, "endless", TestPeer.args())));
      peer.write(TestPeer.frame(new Message.StreamRequest(5, Long.MAX_VALUE)));
      endless.flowing.get(10, TimeUnit.SECONDS);

      Object answer = other.ipcRenderer().invoke("ping").completeOnTimeout("no answer within 2 s", 2, TimeUnit.SECONDS)
          .get();
      assertWithMessage("another renderer's invoke while the stream flows").that(answer).isEqualTo("pong");
      CompletableFuture<String> task = new CompletableFuture<>();
      HostAccess.mainLoop(host).execute(() -> task.complete("ran"));
      assertWithMessage("a task queued on the main loop while the stream flows")
          .that(task.completeOnTimeout("not run within 2 s", 2, TimeUnit.SECONDS).get()).isEqualTo("ran");
      assertAskedAWindowAtATime(endless);
      assertThat(read.isDone()).isFalse(); // still connected: a peer that reads is never cut off for asking
    }
  }

  private static void assertAskedAWindowAtATime(Endless endless) {
    assertWithMessage("the largest request the publisher had (all of them: %s)", endless.asked)
        .that(Collections.max(endless.asked)).isAtMost(WINDOW);
  }

  /**
   * Counts the STREAM_ITEM frames that arrive until the host closes the connection, on a thread of its own (a frame
   * cut short by the close is not counted).
   */
  private static CompletableFuture<Long> itemsUntilHangUp(SocketChannel channel) {
    CompletableFuture<Long> counted = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      long items = 0;
      ByteBuffer head = ByteBuffer.allocate(5);
      try {
        while (readFully(channel, head.clear())) {
          int length = head.flip().getInt();
          int type = head.get() & 0xff;
          if (!readFully(channel, ByteBuffer.allocate(length - 1))) {
            break;
          }
          if (type == Frames.STREAM_ITEM) {
            items++;
          }
        }
      } catch (IOException e) {
        // reset by the host: what arrived before counts
      }
      counted.complete(items);
    }, "test-peer-reader");
    reader.setDaemon(true);
    reader.start();
    return counted;
  }

  /** Reads until {@code b} is full; false if the connection ended first. */
  private static boolean readFully(SocketChannel channel, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * An endless publisher that emits synchronously inside {@code request(n)}, as publishers over lists, ranges and
   * {@code java.util.stream}s do; it records each {@code n} it is asked for and stops once cancelled.
   */
  private static final class Endless implements Flow.Publisher<Object> {
    final List<Long> asked = new CopyOnWriteArrayList<>();
    final AtomicLong emitted = new AtomicLong();
    /** Completed, with the items emitted by then, when the subscription is cancelled. */
    final CompletableFuture<Long> cancelled = new CompletableFuture<>();
    /** Completed once {@link #FLOWING} items were emitted. */
    final CompletableFuture<Void> flowing = new CompletableFuture<>();
    private final Object item;

    Endless(Object item) {
      this.item = item;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Object> subscriber) {
      subscriber.onSubscribe(new Flow.Subscription() {
        private volatile boolean stopped;

        @Override
        public void request(long n) {
          asked.add(n);
          for (long i = 0; i < n && !stopped; i++) {
            if (emitted.incrementAndGet() == FLOWING) {
              flowing.complete(null);
            }
            subscriber.onNext(item);
          }
        }

        @Override
        public void cancel() {
          stopped = true;
          cancelled.complete(emitted.get());
        }
      });
    }
  }
}
