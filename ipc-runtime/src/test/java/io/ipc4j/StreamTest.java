package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streams both ways (ipcRenderer.stream answered by ipcMain.handle, webContents.stream and frame.stream answered by
 * ipcRenderer.handle): items in order, signals on the subscriber's loop, and how a stream ends, over both hosts.
 */
class StreamTest {
  private static List<Object> take(StreamProbe probe, int n) {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(probe.items.take());
    }
    return items;
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererStreamsAMainHandlersItemsInOrderThenCompletes(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      host.ipcMain().handle("count", (event, args) -> new CountingPublisher((Integer) args[0]));
      StreamProbe probe = StreamProbe.all();
      r.ipcRenderer().stream("count", 5).subscribe(probe);
      assertThat(take(probe, 5)).containsExactly(0, 1, 2, 3, 4).inOrder();
      probe.awaitComplete();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theMainProcessStreamsARendererHandlersItemsInOrderThenCompletes(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("count", (event, args) -> new CountingPublisher((Integer) args[0]));
      StreamProbe probe = StreamProbe.all();
      r.webContents().stream("count", 3).subscribe(probe);
      assertThat(take(probe, 3)).containsExactly(0, 1, 2).inOrder();
      probe.awaitComplete();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aFramesStreamReachesThatFramesHandlerOnly(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      IpcRenderer child = r.openFrame();
      r.ipcRenderer().handle("who", (event, args) -> "main frame");
      child.handle("who", (event, args) -> "child frame " + event.sender().frameId());
      WebFrameMain childFrame = frameOf(r, child);
      StreamProbe probe = StreamProbe.all();
      childFrame.stream("who").subscribe(probe);
      assertThat(probe.items.take()).isEqualTo("child frame " + child.frameId());
      probe.awaitComplete();
    }
  }

  /** The main process's handle on a renderer's frame, learned from a message the frame sends. */
  private static WebFrameMain frameOf(Renderer r, IpcRenderer frame) {
    CompletableFuture<WebFrameMain> seen = new CompletableFuture<>();
    r.webContents().ipc().on("hello", (event, args) -> seen.complete(event.senderFrame()));
    frame.send("hello");
    return seen.orTimeout(Await.SECONDS, java.util.concurrent.TimeUnit.SECONDS).join();
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void signalsReachTheSubscriberOneAtATimeOnItsOwnLoop(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      host.ipcMain().handle("count", (event, args) -> new CountingPublisher(50));
      r.ipcRenderer().handle("count", (event, args) -> new CountingPublisher(50));
      StreamProbe inRenderer = new StreamProbe(1, true);
      StreamProbe inMain = new StreamProbe(1, true);
      r.ipcRenderer().stream("count").subscribe(inRenderer);
      r.webContents().stream("count").subscribe(inMain);
      inRenderer.awaitComplete();
      inMain.awaitComplete();
      assertThat(inRenderer.threads).hasSize(52); // onSubscribe, 50 items, onComplete
      assertThat(inRenderer.threads.stream().allMatch(t -> t.startsWith("ipc4j-renderer"))).isTrue();
      assertThat(inMain.threads).hasSize(52);
      assertThat(inMain.threads.stream().allMatch(t -> t.equals("ipc4j-main"))).isTrue();
      assertThat(inRenderer.overlaps.get() + inMain.overlaps.get()).isEqualTo(0);
      assertThat(inRenderer.signalsAfterEnd.get() + inMain.signalsAfterEnd.get()).isEqualTo(0);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aPlainValueOrAStageOfOneIsAStreamOfThatOneItem(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      host.ipcMain().handle("one", (event, args) -> "only");
      host.ipcMain().handle("later", (event, args) -> CompletableFuture.supplyAsync(() -> List.of(1, 2)));
      r.ipcRenderer().handle("one", (event, args) -> 42);
      StreamProbe one = StreamProbe.all();
      StreamProbe later = StreamProbe.all();
      StreamProbe fromRenderer = StreamProbe.all();
      r.ipcRenderer().stream("one").subscribe(one);
      r.ipcRenderer().stream("later").subscribe(later);
      r.webContents().stream("one").subscribe(fromRenderer);
      assertThat(one.items.take()).isEqualTo("only");
      assertThat(later.items.take()).isEqualTo(List.of(1, 2));
      assertThat(fromRenderer.items.take()).isEqualTo(42);
      one.awaitComplete();
      later.awaitComplete();
      fromRenderer.awaitComplete();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void eachSubscribeStartsItsOwnCall(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      List<CountingPublisher> made = new java.util.concurrent.CopyOnWriteArrayList<>();
      host.ipcMain().handle("count", (event, args) -> {
        CountingPublisher p = new CountingPublisher(2);
        made.add(p);
        return p;
      });
      Flow.Publisher<Object> cold = r.ipcRenderer().stream("count");
      assertThat(made).isEmpty(); // nothing happens before a subscribe
      StreamProbe first = StreamProbe.all();
      StreamProbe second = StreamProbe.all();
      cold.subscribe(first);
      cold.subscribe(second);
      assertThat(take(first, 2)).containsExactly(0, 1).inOrder();
      assertThat(take(second, 2)).containsExactly(0, 1).inOrder();
      first.awaitComplete();
      second.awaitComplete();
      assertThat(made).hasSize(2);
    }
  }
}
