package io.ipc4j.example;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.Renderer;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The example's sender check: a window's main frame is answered, a frame it opened is refused. */
class SenderCheckTest {
  @Test
  void aWindowsMainFrameIsAnsweredAndAFrameItOpenedIsRefused() {
    try (IpcHost host = IpcHost.builder().interceptor(new SenderCheck()).inProcess()) {
      host.ipcMain().handle("notes:count", (event, args) -> 3);
      Renderer window = host.openRenderer();

      assertThat(window.ipcRenderer().invoke("notes:count").join()).isEqualTo(3);
      CompletionException e = assertThrows(CompletionException.class,
          () -> window.openFrame().invoke("notes:count").join());

      assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
      assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("Error invoking remote method 'notes:count': "
          + "java.lang.SecurityException: 'notes:count' answers a window's main frame, not frame 2 of window "
          + window.webContents().id());
    }
  }
}
