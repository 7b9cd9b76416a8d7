package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.ipc4j.IpcHost;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;
import io.ipc4j.internal.HostAccess;
import io.ipc4j.internal.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * renderers are served between. A peer that asks for everything and stops reading is cut off, and its publisher is
 * cancelled as it is: nothing goes on being produced for a renderer whose connection is gone.
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

  @Test
  void aPeerThatAsksForEverythingAndStopsReadingIsCutOffAndItsPublisherCancelledAtOnce() throws Exception {
    long budget = 1 << 20;
    int itemBytes = 1024;
    Lingering process = new Lingering(); // its exit is not seen for the host's whole exit wait
    try (IpcHost host = ChildProcessTest.host().maxOutboundBytes(budget).overSockets();
        TestPeer peer = TestPeer.authenticatedAs(host, process)) {
      Endless endless = new Endless(new byte[itemBytes]);
      host.ipcMain().handle("endless", (event, args) -> endless);
      WebContents contents = peer.admitted.get(10, TimeUnit.SECONDS);
      CompletableFuture<Boolean> destroyedAtCancel = endless.cancelled.thenApply(emitted -> contents.isDestroyed());
      peer.write(TestPeer.frame(new Message.Stream(5, 1, "endless", TestPeer.args())));
      peer.write(TestPeer.frame(new Message.StreamRequest(5, Long.MAX_VALUE)));
      long emittedWhenCancelled = endless.cancelled.get(10, TimeUnit.SECONDS); // the peer reads nothing until here
      long received = itemsUntilHangUp(peer.channel).get(10, TimeUnit.SECONDS);

      // Items the peer never got were queued when it was cut off (at most the budget's worth), or were being made
      // as it was: at most the rest of one window. Any more were made for a renderer that was gone.
      long atMost = budget / itemBytes + WINDOW;
      assertWithMessage("items made and never received (%s made by the cancel, %s received; at most %s expected)",
          emittedWhenCancelled, received, atMost).that(endless.emitted.get() - received).isAtMost(atMost);
      assertWithMessage("whether the renderer had been destroyed when its publisher was cancelled (it is destroyed "
          + "once its process's exit is seen, or a second after its connection closed)")
          .that(destroyedAtCancel.get(10, TimeUnit.SECONDS)).isFalse();
      assertAskedAWindowAtATime(endless);
    } finally {
      process.destroy();
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

  /** A renderer's process that does not exit by itself: the host sees no exit until it ends it. */
  private static final class Lingering extends Process {
    private final CompletableFuture<Process> exit = new CompletableFuture<>();

    @Override
    public OutputStream getOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
      return InputStream.nullInputStream();
    }

    @Override
    public InputStream getErrorStream() {
      return InputStream.nullInputStream();
    }

    @Override
    public int waitFor() {
      exit.join();
      return 0;
    }

    @Override
    public int exitValue() {
      if (!exit.isDone()) {
        throw new IllegalThreadStateException("still running");
      }
      return 0;
    }

    @Override
    public void destroy() {
      exit.complete(this);
    }

    @Override
    public CompletableFuture<Process> onExit() {
      return exit;
    }

    @Override
    public long pid() {
      return ProcessHandle.current().pid();
    }

    @Override
    public boolean isAlive() {
      return !exit.isDone();
    }
  }
}
