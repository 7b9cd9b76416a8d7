package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A null channel is a programming error, rejected clearly everywhere (Electron: "Missing required channel argument"). */
class ChannelArgumentTest {
  @ParameterizedTest
  @EnumSource(HostKind.class)
  void nullChannelIsRejectedOnEverySend(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      IpcRenderer ipc = r.ipcRenderer();
      assertThat(assertThrows(IllegalArgumentException.class, () -> ipc.send(null)))
          .hasMessageThat().isEqualTo("channel must be a String, but was null");
      assertThrows(IllegalArgumentException.class, () -> ipc.sendSync(null));
      assertThrows(IllegalArgumentException.class, () -> ipc.invoke(null));
      assertThrows(IllegalArgumentException.class, () -> r.webContents().send(null));
      assertThrows(IllegalArgumentException.class, () -> r.webContents().mainFrame().send(null, 1));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void emptyChannelIsAnOrdinaryChannel(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("", (event, args) -> "empty");
      assertThat(host.openRenderer().ipcRenderer().invoke("").join()).isEqualTo("empty");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void nullArgumentsArrayMeansNoArguments(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("count", (event, args) -> args.length);
      assertThat(host.openRenderer().ipcRenderer().invoke("count", (Object[]) null).join()).isEqualTo(0);
      assertThat(host.openRenderer().ipcRenderer().invoke("count", (Object) null).join()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void invokeNeverThrowsForBadArgumentsButFailsItsFuture(HostKind kind) {
    try (IpcHost host = kind.open()) {
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      CompletionException e = assertThrows(CompletionException.class,
          () -> ipc.invoke("x", (Runnable) () -> {}).join());
      assertThat(e).hasCauseThat().isInstanceOf(IpcCloneException.class);
    }
  }
}
