package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IpcMain's registry: EventEmitter semantics for listeners, one handler per channel (Electron's ipc-main spec). */
class IpcMainRegistryTest {
  private final IpcHost host = IpcHost.inProcess();
  private final IpcMain ipcMain = host.ipcMain();
  private final IpcMainListener a = (event, args) -> {};
  private final IpcMainListener b = (event, args) -> {};

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  void freshIpcMainHasNoEventNames() {
    // Electron shows ['error'] (a Node EventEmitter workaround); Java has no special 'error' channel.
    assertThat(ipcMain.eventNames()).isEmpty();
  }

  @Test
  void removeAllListenersWithChannelLeavesOtherChannels() {
    ipcMain.on("channel1", a);
    ipcMain.on("channel2", b);
    ipcMain.removeAllListeners("channel1");
    assertThat(ipcMain.eventNames()).containsExactly("channel2");
  }

  @Test
  void removeAllListenersWithoutChannelRemovesEverything() {
    ipcMain.on("channel1", a);
    ipcMain.on("channel2", b);
    ipcMain.removeAllListeners();
    assertThat(ipcMain.eventNames()).isEmpty();
  }

  @Test
  void removeAllListenersKeepsHandlers() {
    ipcMain.handle("h", (event, args) -> 1);
    ipcMain.removeAllListeners();
    assertThrows(IllegalStateException.class, () -> ipcMain.handle("h", (event, args) -> 2));
  }

  @Test
  void eventNamesKeepFirstRegistrationOrder() {
    ipcMain.on("b", a);
    ipcMain.on("a", a);
    ipcMain.on("b", b);
    assertThat(ipcMain.eventNames()).containsExactly("b", "a").inOrder();
  }

  @Test
  void duplicatesAreAllowedAndCounted() {
    ipcMain.on("c", a);
    ipcMain.on("c", a);
    ipcMain.addListener("c", b);
    assertThat(ipcMain.listenerCount("c")).isEqualTo(3);
  }

  @Test
  void offRemovesOneRegistrationAtATime() {
    ipcMain.on("c", a);
    ipcMain.on("c", a);
    assertThat(ipcMain.off("c", a)).isTrue();
    assertThat(ipcMain.listenerCount("c")).isEqualTo(1);
    assertThat(ipcMain.removeListener("c", a)).isTrue();
    assertThat(ipcMain.listenerCount("c")).isEqualTo(0);
    assertThat(ipcMain.off("c", a)).isFalse();
    assertThat(ipcMain.eventNames()).isEmpty();
  }

  @Test
  void offRemovesTheMostRecentRegistrationOfTheListenerAsNodesEventEmitterDoes() {
    java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    IpcMainListener first = (event, args) -> heard.add("first");
    ipcMain.on("c", first);
    ipcMain.on("c", (event, args) -> heard.add("second"));
    ipcMain.on("c", first);
    ipcMain.on("done", (event, args) -> event.setReturnValue(heard.size()));
    assertThat(ipcMain.off("c", first)).isTrue();
    IpcRenderer renderer = host.openRenderer().ipcRenderer();
    renderer.send("c");
    assertThat(renderer.sendSync("done")).isEqualTo(2); // messages are handled in order: "c" has been
    assertThat(heard).containsExactly("first", "second").inOrder();
  }

  @Test
  void registrationCloseRemovesExactlyItsOwnListener() {
    IpcRegistration first = ipcMain.on("c", a);
    ipcMain.on("c", a);
    first.close();
    first.close();
    assertThat(ipcMain.listenerCount("c")).isEqualTo(1);
  }

  @Test
  void handlersAreNotListeners() {
    ipcMain.handle("h", (event, args) -> 1);
    assertThat(ipcMain.eventNames()).isEmpty();
    assertThat(ipcMain.listenerCount("h")).isEqualTo(0);
  }

  @Test
  void secondHandlerIsRefusedWithElectronsMessage() {
    ipcMain.handle("test", (event, args) -> 1);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ipcMain.handle("test", (event, args) -> 2));
    assertThat(e).hasMessageThat().isEqualTo("Attempted to register a second handler for 'test'");
    assertThrows(IllegalStateException.class, () -> ipcMain.handleOnce("test", (event, args) -> 2));
  }

  @Test
  void removeHandlerThenHandleAgainSucceeds() {
    ipcMain.handle("test", (event, args) -> 1);
    ipcMain.removeHandler("test");
    ipcMain.removeHandler("test"); // absent: no-op
    ipcMain.handle("test", (event, args) -> 2);
    assertThat(ipcMain.eventNames()).isEmpty();
  }

  @Test
  void handleRegistrationCloseRemovesOnlyThatHandler() {
    IpcRegistration old = ipcMain.handle("test", (event, args) -> 1);
    ipcMain.removeHandler("test");
    ipcMain.handle("test", (event, args) -> 2);
    old.close();
    assertThrows(IllegalStateException.class, () -> ipcMain.handle("test", (event, args) -> 3));
  }

  @Test
  void scopedIpcMainIsSeparateFromGlobal() {
    Renderer r = host.openRenderer();
    r.webContents().ipc().handle("test", (event, args) -> 1);
    ipcMain.handle("test", (event, args) -> 2); // different scope: allowed
    r.webContents().ipc().on("x", a);
    assertThat(ipcMain.eventNames()).isEmpty();
    assertThat(r.webContents().ipc().eventNames()).containsExactly("x");
  }

  @Test
  void nullChannelIsRejectedClearly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ipcMain.on(null, a));
    assertThat(e).hasMessageThat().contains("channel");
    assertThrows(IllegalArgumentException.class, () -> ipcMain.handle(null, (event, args) -> 1));
    assertThrows(IllegalArgumentException.class, () -> ipcMain.listenerCount(null));
    assertThrows(NullPointerException.class, () -> ipcMain.on("c", null));
    assertThrows(NullPointerException.class, () -> ipcMain.handle("c", null));
  }

  @Test
  void rendererRegistryFollowsTheSameRules() {
    IpcRenderer ipc = host.openRenderer().ipcRenderer();
    assertThat(ipc.eventNames()).isEmpty();
    IpcRendererListener l = (event, args) -> {};
    ipc.on("channel1", l);
    ipc.on("channel2", l);
    ipc.once("channel2", l);
    assertThat(ipc.listenerCount("channel2")).isEqualTo(2);
    ipc.removeAllListeners("channel1");
    assertThat(ipc.eventNames()).containsExactly("channel2");
    assertThat(ipc.off("channel2", l)).isTrue();
    ipc.removeAllListeners();
    assertThat(ipc.eventNames()).isEmpty();
    assertThrows(IllegalArgumentException.class, () -> ipc.on(null, l));
  }
}
