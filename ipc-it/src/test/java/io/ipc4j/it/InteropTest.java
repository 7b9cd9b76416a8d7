package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import io.ipc4j.spi.Codecs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire form of a typed call is the untyped call with the same arguments on the same channel. */
class InteropTest {
  @Test
  void untypedInvokeReachesATypedHandler() {
    try (IpcHost host = Hosts.open()) {
      NotesApiIpc.register(host.ipcMain(), new Store());
      IpcRenderer renderer = host.openRenderer().ipcRenderer();
      Object plain = renderer.invoke("notes:get", 1).join();   // an int where a long is declared
      assertThat(plain).isInstanceOf(Map.class);   // this renderer has no codec for Note: its components
      assertThat(((Map<?, ?>) plain).get("title")).isEqualTo("first");
      Codecs.addTo(renderer, NotesApiIpc.CODECS);
      Object note = renderer.invoke("notes:get", 1).join();
      assertThat(note).isInstanceOf(Note.class);
      assertThat(((Note) note).title()).isEqualTo("first");
      assertThat(renderer.sendSync("notes:count")).isEqualTo(2);
    }
  }

  @Test
  void typedClientCallsAnUntypedHandler() throws Exception {
    try (IpcHost host = Hosts.open(IpcHost.builder().codecs(NotesApiIpc.CODECS))) {   // no register here
      NotesApi notes = NotesApiIpc.client(host.openRenderer().ipcRenderer());   // gives its renderer the codecs
      host.ipcMain().handle("notes:get", (event, args) ->
          new Note(((Number) args[0]).longValue() + 1, "untyped", List.of(), Instant.EPOCH, Priority.LOW));
      host.ipcMain().handle("notes:whoAmI", (event, args) -> 7);
      assertThat(notes.get(41).id()).isEqualTo(42);
      assertThat(notes.whoAmI()).isEqualTo(7);
    }
  }
}
