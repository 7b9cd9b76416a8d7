package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Frames live as long as their renderer, so the host bounds how many one renderer may open (65,536, its main frame
 * included): one more is refused with a clear error, and the renderer and its frames go on. Without the bound a
 * renderer that kept asking, or anything on its socket, filled the host's memory with frames.
 */
class FrameLimitTest {
  private static final int MAX_FRAMES = 1 << 16;

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererCannotOpenMoreFramesThanTheHostAllowsAndGoesOn(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("where", (event, args) -> event.frameId());
      Renderer renderer = host.openRenderer();
      IpcRenderer last = null;
      for (int i = 1; i < MAX_FRAMES; i++) {
        last = renderer.openFrame();
      }
      IpcException refused = assertThrows(IpcException.class, renderer::openFrame);
      assertThat(refused).hasMessageThat().contains("already has 65,536 frames, as many as a renderer may have; "
          + "no frame was opened");
      assertThat(renderer.ipcRenderer().invoke("where").join()).isEqualTo(1);
      assertThat(last.invoke("where").join()).isEqualTo(MAX_FRAMES);
      assertThrows(IpcException.class, renderer::openFrame); // and again: the refusal changes nothing
    }
  }
}
