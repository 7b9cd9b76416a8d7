package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcMainEvent;
import io.ipc4j.IpcRenderer;
import io.ipc4j.Renderer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A renderer keeps its observed sendSyncs until they are answered, so that its going (or a caller's cancel) ends
 * those a listener still holds; but one whose event no listener kept can never be answered, and must not stay with
 * its renderer while its caller waits: a renderer that sends such sendSyncs without end (or a peer that never
 * cancels them) would otherwise grow the host's memory without end.
 */
class UnansweredSendSyncTest {
  private static final int SENT = 20;

  @Test
  void aSendSyncWhoseEventNoListenerKeptIsNotHeldByItsRenderer() throws InterruptedException {
    ExecutorService callers = Executors.newFixedThreadPool(SENT + 1);
    try (IpcHost host = IpcHost.builder().interceptor(message -> (took, failure) -> { }).inProcess()) {
      CountDownLatch arrived = new CountDownLatch(SENT + 1);
      List<IpcMainEvent> kept = new ArrayList<>();
      host.ipcMain().on("dropped", (event, args) -> arrived.countDown()); // answers nothing, keeps nothing
      host.ipcMain().on("kept", (event, args) -> { // answers later (here: never)
        kept.add(event);
        arrived.countDown();
      });
      Renderer renderer = host.openRenderer();
      IpcRenderer ipc = renderer.ipcRenderer();
      for (int i = 0; i < SENT; i++) {
        callers.execute(() -> ipc.sendSyncWithTimeout(Duration.ofMinutes(1), "dropped"));
      }
      callers.execute(() -> ipc.sendSyncWithTimeout(Duration.ofMinutes(1), "kept"));
      assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
      UnansweredSyncs unanswered = ((WebContentsImpl) renderer.webContents()).unansweredSyncs;

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (unanswered.count() > 1 && System.nanoTime() < deadline) { // while every caller still waits
        System.gc();
        Thread.sleep(20);
      }
      assertThat(unanswered.count()).isEqualTo(1); // the one a listener still holds, which its renderer's going ends
      assertThat(kept).hasSize(1);
      renderer.close(); // their callers fail as disconnected
    } finally {
      callers.shutdown();
      assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
