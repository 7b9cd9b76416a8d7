package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcMainEvent;
import io.ipc4j.IpcTimeoutException;
import io.ipc4j.Renderer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A renderer keeps its observed sendSyncs until they are answered, so that its going ends those a listener still
 * holds; but one whose event no listener kept can never be answered, and must not stay with its renderer for ever: a
 * renderer that sends such sendSyncs without end would otherwise grow the host's memory without end.
 */
class UnansweredSendSyncTest {
  private static final int SENT = 20;

  @Test
  void aSendSyncWhoseEventNoListenerKeptIsNotHeldByItsRenderer() throws InterruptedException {
    try (IpcHost host = IpcHost.builder().interceptor(message -> (took, failure) -> { }).inProcess()) {
      List<IpcMainEvent> kept = new ArrayList<>();
      host.ipcMain().on("dropped", (event, args) -> { }); // answers nothing, keeps nothing
      host.ipcMain().on("kept", (event, args) -> kept.add(event)); // answers later (here: never)
      Renderer renderer = host.openRenderer();
      for (int i = 0; i < SENT; i++) {
        assertThrows(IpcTimeoutException.class,
            () -> renderer.ipcRenderer().sendSyncWithTimeout(Duration.ofMillis(5), "dropped"));
      }
      assertThrows(IpcTimeoutException.class,
          () -> renderer.ipcRenderer().sendSyncWithTimeout(Duration.ofMillis(5), "kept"));
      Interception.Unanswered unanswered = ((WebContentsImpl) renderer.webContents()).unansweredSyncs;

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (unanswered.count() > 1 && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(20);
      }
      assertThat(unanswered.count()).isEqualTo(1); // the one a listener still holds, which its renderer's going ends
      assertThat(kept).hasSize(1);
    }
  }
}
