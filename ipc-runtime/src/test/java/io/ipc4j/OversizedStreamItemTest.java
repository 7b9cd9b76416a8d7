package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stream item too large for a frame fails its stream, with the reason, in either direction: the item is never
 * skipped (the stream does not go on, or complete, without it), the publisher is cancelled, and the renderer stays
 * connected. A stream whose arguments are too large for a frame fails its subscriber at once, in either direction.
 */
class OversizedStreamItemTest {
  private static final String SAYS_WHY = "is larger than a frame may be (65,536 bytes, IpcHost.Builder.maxFrameBytes)";

  /** Emits a small item, one too large for a frame, then completes; records whether it was cancelled. */
  private static final class LargeSecond implements Flow.Publisher<Object> {
    final java.util.concurrent.CompletableFuture<Boolean> cancelled = new java.util.concurrent.CompletableFuture<>();

    @Override
    public void subscribe(Flow.Subscriber<? super Object> s) {
      s.onSubscribe(new Flow.Subscription() {
        private int sent;

        @Override
        public void request(long n) {
          for (long i = 0; i < n && sent < 2 && !cancelled.isDone(); i++) {
            s.onNext(sent++ == 0 ? "small" : new byte[100 * 1024]);
          }
          if (sent == 2 && !cancelled.isDone()) {
            s.onComplete();
          }
        }

        @Override
        public void cancel() {
          cancelled.complete(true);
        }
      });
    }
  }

  private static void assertFailsAfterTheSmallItem(StreamProbe probe) {
    assertThat(probe.items.take()).isEqualTo("small");
    Throwable failure = probe.failure();
    assertThat(failure).isInstanceOf(IpcInvokeException.class);
    assertThat(((IpcInvokeException) failure).remoteMessage()).contains(SAYS_WHY);
  }

  @Test
  void anOversizedItemFailsTheStreamEitherWayAndTheRendererStaysConnected() throws Exception {
    try (IpcHost host = IpcHost.builder().maxFrameBytes(64 * 1024).overSockets()) {
      LargeSecond fromMain = new LargeSecond();
      LargeSecond fromRenderer = new LargeSecond();
      host.ipcMain().handle("large", (event, args) -> fromMain);
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("large", (event, args) -> fromRenderer);

      StreamProbe inRenderer = StreamProbe.all();
      r.ipcRenderer().stream("large").subscribe(inRenderer);
      assertFailsAfterTheSmallItem(inRenderer);
      assertThat(fromMain.cancelled.get(10, TimeUnit.SECONDS)).isTrue();

      StreamProbe inMain = StreamProbe.all();
      r.webContents().stream("large").subscribe(inMain);
      assertFailsAfterTheSmallItem(inMain);
      assertThat(fromRenderer.cancelled.get(10, TimeUnit.SECONDS)).isTrue();

      assertThat(r.ipcRenderer().invoke("echo", 1).get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(r.webContents().isDestroyed()).isFalse();
    }
  }

  @Test
  void argumentsTooLargeForAFrameFailTheStreamEitherWayAndTheRendererStaysConnected() throws Exception {
    try (IpcHost host = IpcHost.builder().maxFrameBytes(64 * 1024).overSockets()) {
      host.ipcMain().handle("large", (event, args) -> new LargeSecond());
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("large", (event, args) -> new LargeSecond());

      StreamProbe inRenderer = StreamProbe.all();
      r.ipcRenderer().stream("large", (Object) new byte[100 * 1024]).subscribe(inRenderer);
      assertThat(inRenderer.failure()).hasMessageThat().contains(SAYS_WHY);

      StreamProbe inMain = StreamProbe.all();
      r.webContents().stream("large", (Object) new byte[100 * 1024]).subscribe(inMain);
      assertThat(inMain.failure()).hasMessageThat().contains(SAYS_WHY);

      assertThat(r.ipcRenderer().invoke("echo", 1).get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(r.webContents().isDestroyed()).isFalse();
    }
  }
}
