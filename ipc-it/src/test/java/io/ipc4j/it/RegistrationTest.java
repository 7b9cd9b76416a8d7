package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.IpcMainListener;
import io.ipc4j.IpcRegistration;
import org.junit.jupiter.api.Test;

/** {@code IpcRegistration.close()} removes exactly what {@code register} added. */
class RegistrationTest {
  @Test
  void closeRemovesExactlyWhatRegisterAdded() {
    try (IpcHost host = Hosts.open()) {
      IpcMainListener other = (event, args) -> {};
      host.ipcMain().on(NotesApiIpc.LOG, other);
      host.ipcMain().handle("unrelated", (event, args) -> "still here");

      IpcRegistration registration = NotesApiIpc.register(host.ipcMain(), new Store());
      assertThat(host.ipcMain().listenerCount(NotesApiIpc.LOG)).isEqualTo(2);
      assertThat(host.ipcMain().listenerCount(NotesApiIpc.COUNT)).isEqualTo(1);

      registration.close();
      registration.close();   // idempotent
      assertThat(host.ipcMain().listenerCount(NotesApiIpc.LOG)).isEqualTo(1);
      assertThat(host.ipcMain().listenerCount(NotesApiIpc.COUNT)).isEqualTo(0);
      NotesApi notes = NotesApiIpc.client(host.openRenderer().ipcRenderer());
      IpcInvokeException e = assertThrows(IpcInvokeException.class, () -> notes.get(1));
      assertThat(e).hasMessageThat().contains("No handler registered for 'notes:get'");
      assertThat(host.openRenderer().ipcRenderer().invoke("unrelated").join()).isEqualTo("still here");
      // The channels are free again.
      NotesApiIpc.register(host.ipcMain(), new Store()).close();
    }
  }

  @Test
  void aTakenChannelFailsRegistrationAndLeavesNothingBehind() {
    try (IpcHost host = Hosts.open()) {
      host.ipcMain().handle(NotesApiIpc.RENAME, (event, args) -> null);
      assertThrows(IllegalStateException.class, () -> NotesApiIpc.register(host.ipcMain(), new Store()));
      assertThat(host.ipcMain().listenerCount(NotesApiIpc.LOG)).isEqualTo(0);
      host.ipcMain().removeHandler(NotesApiIpc.RENAME);
      NotesApiIpc.register(host.ipcMain(), new Store()).close();
    }
  }
}
