package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every duration option accepts "never" ({@code ChronoUnit.FOREVER}, or centuries): a host built so opens renderers,
 * calls both ways and closes, and a call with the default deadline has none a handler can see.
 */
class ForeverOptionsTest {
  private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aHostWhoseDurationsAreAllForeverServesAndCloses(HostKind kind) {
    IpcHost host = kind.open(IpcHost.builder().defaultTimeout(FOREVER).shutdownGrace(FOREVER).launchTimeout(FOREVER)
        .handshakeTimeout(FOREVER).stallTime(FOREVER).blockedLoopWarning(FOREVER));
    try {
      host.ipcMain().handle("when", (event, args) -> event.deadline().toString());
      Renderer r = host.openRenderer();
      assertThat(r.ipcRenderer().invoke("when").join()).isEqualTo(Instant.MAX.toString());
      r.ipcRenderer().handle("back", (event, args) -> args[0]);
      assertThat(r.webContents().invoke("back", 2).join()).isEqualTo(2);
      r.webContents().close();
      assertThat(r.webContents().isDestroyed()).isTrue();
    } finally {
      host.close();
    }
    assertThat(host.isClosed()).isTrue();
  }
}
