package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A subscriber that requests everything ({@code Long.MAX_VALUE}) and takes its items slowly, on a main handler whose
 * endless publisher emits synchronously in {@code request}: the producer is asked a window at a time, so the main
 * loop goes on serving other renderers, the items in flight stay few, and over sockets the slow renderer is not
 * cut off for falling behind. Before, in process the main loop emitted without end (a million items and a gigabyte
 * in half a second, another renderer's call timed out), and over sockets the renderer was disconnected once its
 * outbound queue was full.
 */
class UnboundedDemandTest {
  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aSlowSubscriberThatRequestsEverythingGetsItemsAWindowAtATime(HostKind kind) throws Exception {
    AtomicLong emitted = new AtomicLong();
    try (IpcHost host = kind.open(IpcHost.builder().maxOutboundBytes(1 << 20))) {
      host.ipcMain().handle("flood", (event, args) -> (Flow.Publisher<Object>) s -> s.onSubscribe(
          new Flow.Subscription() {
            private volatile boolean cancelled;

            @Override
            public void request(long n) {
              for (long i = 0; i < n && !cancelled; i++) {
                emitted.incrementAndGet();
                s.onNext(new byte[1024]);
              }
            }

            @Override
            public void cancel() {
              cancelled = true;
            }
          }));
      host.ipcMain().handle("ping", (event, args) -> "pong");
      Renderer slow = host.openRenderer();
      Renderer other = host.openRenderer();
      AtomicInteger taken = new AtomicInteger();
      CompletableFuture<Throwable> ended = new CompletableFuture<>();
      slow.ipcRenderer().stream("flood").subscribe(new Flow.Subscriber<Object>() {
        @Override
        public void onSubscribe(Flow.Subscription s) {
          s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Object item) {
          taken.incrementAndGet();
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }

        @Override
        public void onError(Throwable failure) {
          ended.complete(failure);
        }

        @Override
        public void onComplete() {
          ended.complete(null);
        }
      });
      Await.until("items flowing", () -> taken.get() >= 300);
      for (int i = 0; i < 5; i++) {
        assertThat(other.ipcRenderer().invoke("ping").get(2, TimeUnit.SECONDS)).isEqualTo("pong");
        // Asked a window at a time: what was emitted and not yet taken is at most two windows.
        assertThat(emitted.get() - taken.get()).isAtMost(2 * 256);
        Thread.sleep(50);
      }
      assertThat(ended.isDone()).isFalse(); // still flowing: not cut off for falling behind
    }
  }
}
