package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcException;
import io.ipc4j.IpcHost;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.IpcRenderer;
import io.ipc4j.Renderer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A message larger than a frame may be ({@code IpcHost.Builder.maxFrameBytes}) fails by itself, in whichever process
 * made it, with a message that names the limit: nothing is sent, and the renderer stays connected. (The peer would
 * disconnect a connection that sent it such a frame, as it does a hostile one.)
 */
class OversizedMessagesTest {
  private static final int LIMIT = 64 * 1024;
  private static final byte[] TOO_LARGE = new byte[100 * 1024];
  private static final String SAYS_WHY = "is larger than a frame may be (65,536 bytes, IpcHost.Builder.maxFrameBytes); "
      + "nothing was sent";

  private static IpcHost host() {
    IpcHost host = IpcHost.builder().maxFrameBytes(LIMIT).overSockets();
    host.ipcMain().handle("echo", (event, args) -> args[0]);
    host.ipcMain().handle("large", (event, args) -> TOO_LARGE);
    return host;
  }

  private static Throwable failureOf(java.util.concurrent.CompletableFuture<Object> call) {
    return assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS)).getCause();
  }

  private static void assertStillServed(Renderer r) throws Exception {
    assertThat(r.ipcRenderer().invoke("echo", 7).get(10, TimeUnit.SECONDS)).isEqualTo(7);
    assertThat(r.webContents().isDestroyed()).isFalse();
  }

  @Test
  void aRenderersOversizedInvokeSendAndSendSyncFailInTheRendererAndItStaysConnected() throws Exception {
    try (IpcHost host = host()) {
      Renderer r = host.openRenderer();
      IpcRenderer ipc = r.ipcRenderer();

      Throwable invoke = failureOf(ipc.invoke("echo", (Object) TOO_LARGE));
      assertThat(invoke).isInstanceOf(IpcException.class);
      assertThat(invoke).hasMessageThat().contains(SAYS_WHY);
      assertThat(assertThrows(IpcException.class, () -> ipc.send("echo", (Object) TOO_LARGE)))
          .hasMessageThat().contains(SAYS_WHY);
      assertThat(assertThrows(IpcException.class, () -> ipc.sendSync("echo", (Object) TOO_LARGE)))
          .hasMessageThat().contains(SAYS_WHY);

      assertStillServed(r);
    }
  }

  @Test
  void anOversizedAnswerFailsTheCallWithTheReasonAndTheRendererStaysConnected() throws Exception {
    try (IpcHost host = host()) {
      Renderer r = host.openRenderer();

      Throwable failure = failureOf(r.ipcRenderer().invoke("large"));

      assertThat(failure).isInstanceOf(IpcInvokeException.class);
      assertThat(((IpcInvokeException) failure).remoteType()).isEqualTo(IpcException.class.getName());
      assertThat(((IpcInvokeException) failure).remoteMessage()).contains(SAYS_WHY);
      assertStillServed(r);
    }
  }

  @Test
  void theMainProcessesOversizedSendAndInvokeFailInItAndTheRendererStaysConnected() throws Exception {
    try (IpcHost host = host()) {
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("echo", (event, args) -> args[0]);
      r.ipcRenderer().handle("large", (event, args) -> TOO_LARGE);

      assertThat(assertThrows(IpcException.class, () -> r.webContents().send("x", (Object) TOO_LARGE)))
          .hasMessageThat().contains(SAYS_WHY);
      Throwable invoke = failureOf(r.webContents().invoke("echo", (Object) TOO_LARGE));
      assertThat(invoke).isInstanceOf(IpcException.class);
      assertThat(invoke).hasMessageThat().contains(SAYS_WHY);
      Throwable answer = failureOf(r.webContents().invoke("large"));
      assertThat(answer).isInstanceOf(IpcInvokeException.class);
      assertThat(((IpcInvokeException) answer).remoteMessage()).contains(SAYS_WHY);

      assertStillServed(r);
      assertThat(r.webContents().invoke("echo", 8).get(10, TimeUnit.SECONDS)).isEqualTo(8);
    }
  }
}
