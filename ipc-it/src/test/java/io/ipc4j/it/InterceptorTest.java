package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcIncoming;
import io.ipc4j.IpcInvokeException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Interceptors see a typed call as its untyped form (kind, channel, arguments), and a typed caller gets the
 * rejection.
 */
class InterceptorTest {
  @Test
  void anInterceptorSeesTypedCallsByKindChannelAndArguments() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    IpcHost.Builder builder = IpcHost.builder().interceptor(message -> {
      seen.add(message.kind() + " " + message.channel() + " " + message.args());
      return null;
    });
    try (IpcHost host = Hosts.open(builder)) {
      NotesApiIpc.register(host.ipcMain(), new Store());
      NotesApi notes = NotesApiIpc.client(host.openRenderer().ipcRenderer());

      notes.log("hello");
      assertThat(notes.count()).isEqualTo(2);
      assertThat(notes.get(1).title()).isEqualTo("first");

      assertThat(seen).containsExactly("SEND notes:log [hello]", "SEND_SYNC notes:count []", "INVOKE notes:get [1]")
          .inOrder();
    }
  }

  @Test
  void aTypedCallerGetsTheRejectionInElectronsWords() {
    IpcHost.Builder builder = IpcHost.builder().interceptor(message -> {
      if (message.kind() != IpcIncoming.Kind.SEND) {
        throw new SecurityException("refused " + message.channel());
      }
      return null;
    });
    try (IpcHost host = Hosts.open(builder)) {
      NotesApiIpc.register(host.ipcMain(), new Store());
      NotesApi notes = NotesApiIpc.client(host.openRenderer().ipcRenderer());

      IpcInvokeException invoke = assertThrows(IpcInvokeException.class, () -> notes.get(1));
      IpcInvokeException sendSync = assertThrows(IpcInvokeException.class, notes::count);

      assertThat(invoke).hasMessageThat()
          .isEqualTo("Error invoking remote method 'notes:get': java.lang.SecurityException: refused notes:get");
      assertThat(sendSync).hasMessageThat()
          .isEqualTo("Error invoking remote method 'notes:count': java.lang.SecurityException: refused notes:count");
    }
  }
}
