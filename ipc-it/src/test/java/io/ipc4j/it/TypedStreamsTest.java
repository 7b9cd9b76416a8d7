package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipc4j.IpcException;
import io.ipc4j.IpcHost;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Typed streams: a {@code Flow.Publisher<T>} method of {@link FeedApi}, served in the main process and called from
 * a renderer ({@code client(IpcRenderer)}), and served in a renderer and called from the main process
 * ({@code client(WebContents)}); over the socket transport also from a renderer JVM. The typed subscriber gets the
 * declared types, exactly the items it requested, and its cancel reaches the implementation's publisher.
 */
class TypedStreamsTest {
  private static final long WAIT = 10;

  private IpcHost host;
  private Renderer renderer;
  private final BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
  /** Served by the main process, called by the renderer. */
  private Feed mainFeed;
  private FeedApi fromRenderer;
  /** Served by the renderer, called by the main process. */
  private Feed rendererFeed;
  private FeedApi fromMain;

  @BeforeEach
  void open() {
    host = Hosts.open();
    renderer = host.openRenderer();
    mainFeed = new Feed(cancelled::add);
    FeedApiIpc.register(host.ipcMain(), mainFeed);
    fromRenderer = FeedApiIpc.client(renderer.ipcRenderer());
    rendererFeed = new Feed(cancelled::add);
    FeedApiIpc.register(renderer.ipcRenderer(), rendererFeed);
    fromMain = FeedApiIpc.client(renderer.webContents());
  }

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  void recordsStreamFromTheMainProcessToATypedRendererClientInOrderThenComplete() throws Exception {
    assertNotesArriveInOrder(fromRenderer);
  }

  @Test
  void recordsStreamFromARendererToATypedMainClientInOrderThenComplete() throws Exception {
    assertNotesArriveInOrder(fromMain);
  }

  @Test
  void requestingOneGivesExactlyOneItemFromTheMainProcess() throws Exception {
    assertDemandIsExact(fromRenderer, mainFeed);
  }

  @Test
  void requestingOneGivesExactlyOneItemFromARenderer() throws Exception {
    assertDemandIsExact(fromMain, rendererFeed);
  }

  @Test
  void arraysOfRecordsCrossAsArraysBothWays() throws Exception {
    for (FeedApi feed : List.of(fromRenderer, fromMain)) {
      Collector<Note[]> pages = Collector.unbounded();
      feed.pages("p", 2).subscribe(pages);
      pages.awaitCompletion();
      assertThat(pages.items()).hasSize(2);
      assertThat(pages.items().get(1)).asList()
          .containsExactly(Feed.note("p", 2), Feed.note("p", 3)).inOrder();
    }
  }

  @Test
  void aStreamsFailureArrivesAsTheDeclaredCheckedExceptionBothWays() throws Exception {
    for (FeedApi feed : List.of(fromRenderer, fromMain)) {
      Collector<String> items = Collector.unbounded();
      feed.failing("f", "no feed 9").subscribe(items);
      Throwable failure = items.awaitFailure();
      assertThat(items.items()).containsExactly("before no feed 9");
      assertThat(failure).isInstanceOf(NoteNotFound.class);
      assertThat(failure).hasMessageThat().isEqualTo("no feed 9");
      assertThat(failure).hasCauseThat().isInstanceOf(IpcInvokeException.class);
    }
  }

  @Test
  void anItemThatDoesNotConvertFailsTheTypedStreamAndCancelsTheProducer() throws Exception {
    // The renderer's own scope answers before the global one: an untyped handler streaming notes where the typed
    // client expects longs.
    Feed rogue = new Feed(cancelled::add);
    renderer.webContents().ipc().handle(FeedApiIpc.TICKS, (event, args) -> rogue.notes("rogue", 100));
    Collector<Long> ticks = new Collector<>(3);
    fromRenderer.ticks("t").subscribe(ticks);
    Throwable failure = ticks.awaitFailure();
    assertThat(failure).isInstanceOf(IpcException.class);
    assertThat(failure).hasMessageThat().startsWith("item of feed:ticks: expected a long but got");
    assertThat(ticks.items()).isEmpty();
    assertThat(cancelled.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("rogue");
    assertThat(rogue.producer("rogue").emitted()).isAtMost(3);
  }

  @Test
  void aRendererInAChildJvmServesATypedStream() throws Exception {
    assumeTrue(Hosts.KIND.equals("sockets"), "renderer JVMs: run with the socket host");
    try (IpcHost children = IpcHost.builder().jvmOptions("-XX:TieredStopAtLevel=1", "-Xshare:auto")
        .shutdownGrace(Duration.ofSeconds(2)).overSockets()) {
      BlockingQueue<String> childCancels = new LinkedBlockingQueue<>();
      children.ipcMain().on("cancelled", (event, args) -> childCancels.add((String) args[0]));
      BlockingQueue<Integer> ready = new LinkedBlockingQueue<>();
      children.ipcMain().on("ready", (event, args) -> ready.add(event.sender().id()));
      WebContents child = children.launchRenderer(Children.FeedServer.class);
      assertThat(ready.poll(60, TimeUnit.SECONDS)).isEqualTo(child.id());
      FeedApi remote = FeedApiIpc.client(child);

      assertNotesArriveInOrder(remote);
      Collector<Long> ticks = new Collector<>(0);
      remote.ticks("child ticks").subscribe(ticks);
      Flow.Subscription subscription = ticks.subscription();
      subscription.request(2);
      assertThat(ticks.next()).isEqualTo(0L);
      assertThat(ticks.next()).isEqualTo(1L);
      subscription.cancel();
      assertThat(childCancels.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("child ticks");
    }
  }

  @Test
  void killingARendererJvmStopsTheProducerItFollowedAndFailsTheStreamsItServed() throws Exception {
    assumeTrue(Hosts.KIND.equals("sockets"), "renderer JVMs: run with the socket host");
    try (IpcHost children = IpcHost.builder().jvmOptions("-XX:TieredStopAtLevel=1", "-Xshare:auto")
        .shutdownGrace(Duration.ofSeconds(2)).overSockets()) {
      Feed served = new Feed(cancelled::add);
      FeedApiIpc.register(children.ipcMain(), served);
      BlockingQueue<Integer> following = new LinkedBlockingQueue<>();
      children.ipcMain().on("following", (event, args) -> following.add(event.sender().id()));
      WebContents child = children.launchRenderer(Children.FeedFollower.class);
      assertThat(following.poll(60, TimeUnit.SECONDS)).isEqualTo(child.id()); // it follows the main's ticks
      Collector<Long> ticks = new Collector<>(1);
      FeedApiIpc.client(child).ticks("from the child").subscribe(ticks);
      assertThat(ticks.next()).isEqualTo(0L);

      ProcessHandle.of(child.osProcessId()).orElseThrow().destroyForcibly(); // kill -9

      // The producer in the main process stops (its subscription is cancelled), and the stream the child served
      // ends with the disconnect, each within the bound.
      assertThat(cancelled.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("follower");
      assertThat(ticks.awaitFailure()).isInstanceOf(io.ipc4j.IpcDisconnectedException.class);
    }
  }

  private static void assertNotesArriveInOrder(FeedApi feed) throws Exception {
    Collector<Note> notes = Collector.unbounded();
    feed.notes("n", 3).subscribe(notes);
    notes.awaitCompletion();
    assertThat(notes.items()).containsExactly(Feed.note("n", 0), Feed.note("n", 1), Feed.note("n", 2)).inOrder();
  }

  /** request(1) gives one item and the producer saw a demand of one; more follow only as requested; cancel ends. */
  private void assertDemandIsExact(FeedApi feed, Feed served) throws Exception {
    Collector<Long> ticks = new Collector<>(0);
    feed.ticks("bp").subscribe(ticks);
    Flow.Subscription subscription = ticks.subscription();
    subscription.request(1);
    assertThat(ticks.next()).isEqualTo(0L);
    Feed.Producer<?> producer = served.producer("bp");
    assertThat(producer.requested()).isEqualTo(1);
    assertThat(producer.emitted()).isEqualTo(1);

    subscription.request(2);
    assertThat(ticks.next()).isEqualTo(1L);
    assertThat(ticks.next()).isEqualTo(2L);
    assertThat(producer.requested()).isEqualTo(3);
    assertThat(producer.emitted()).isEqualTo(3);

    subscription.cancel();
    assertThat(cancelled.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("bp");
    assertThat(producer.isCancelled()).isTrue();
    assertThat(producer.emitted()).isEqualTo(3);
    assertThat(ticks.items()).containsExactly(0L, 1L, 2L).inOrder();
  }

  /** A subscriber that requests {@code initial} items at once and keeps every signal, with waits that end. */
  static final class Collector<T> implements Flow.Subscriber<T> {
    private final long initial;
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final BlockingQueue<T> arrived = new LinkedBlockingQueue<>();
    private final List<T> items = new ArrayList<>();
    private final CompletableFuture<Void> end = new CompletableFuture<>();

    Collector(long initial) {
      this.initial = initial;
    }

    static <T> Collector<T> unbounded() {
      return new Collector<>(Long.MAX_VALUE);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription.complete(s);
      if (initial > 0) {
        s.request(initial);
      }
    }

    @Override
    public void onNext(T item) {
      synchronized (items) {
        items.add(item);
      }
      arrived.add(item);
    }

    @Override
    public void onError(Throwable failure) {
      end.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      end.complete(null);
    }

    Flow.Subscription subscription() throws Exception {
      return subscription.get(WAIT, TimeUnit.SECONDS);
    }

    /** The next item, waiting for it. */
    T next() throws InterruptedException {
      T item = arrived.poll(WAIT, TimeUnit.SECONDS);
      assertThat(item).isNotNull();
      return item;
    }

    List<T> items() {
      synchronized (items) {
        return List.copyOf(items);
      }
    }

    void awaitCompletion() throws Exception {
      end.get(WAIT, TimeUnit.SECONDS);
    }

    Throwable awaitFailure() {
      ExecutionException e = assertThrows(ExecutionException.class, () -> end.get(WAIT, TimeUnit.SECONDS));
      return e.getCause();
    }
  }
}
