package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcMainEvent;
import io.ipc4j.IpcMainInvokeEvent;
import io.ipc4j.Renderer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The generated {@code Handler} variant sees who called. */
class HandlerTest {
  /** Delegates to a {@link Store} and answers {@code whoAmI} with the sender's id. */
  private static final class SenderAware implements NotesApiIpc.Handler {
    private final Store store = new Store();
    volatile int lastLogSender;

    @Override
    public Note get(IpcMainInvokeEvent event, long id) throws NoteNotFound {
      return store.get(id);
    }

    @Override
    public CompletableFuture<List<Note>> list(IpcMainInvokeEvent event) {
      return store.list();
    }

    @Override
    public CompletionStage<Note> find(IpcMainInvokeEvent event, long id) {
      return store.find(id);
    }

    @Override
    public void log(IpcMainEvent event, String line) {
      lastLogSender = event.sender().id();
      store.log(line);
    }

    @Override
    public int count(IpcMainEvent event) {
      return event.sender().id() * 100;
    }

    @Override
    public Note rename(IpcMainInvokeEvent event, long id, String title) throws NoteNotFound {
      return store.rename(id, title);
    }

    @Override
    public String slow(IpcMainInvokeEvent event, long millis) {
      return store.slow(millis);
    }

    @Override
    public void fail(IpcMainInvokeEvent event, String message) {
      store.fail(message);
    }

    @Override
    public Everything echo(IpcMainInvokeEvent event, Everything value) {
      return value;
    }

    @Override
    public String primitives(IpcMainInvokeEvent event, byte b, short s, int i, long l, float f, double d, char c,
        boolean z) {
      return store.primitives(b, s, i, l, f, d, c, z);
    }

    @Override
    public Optional<Note> optional(IpcMainInvokeEvent event, Optional<Note> maybe, Set<String> tags,
        Map<Priority, Integer> counts) {
      return store.optional(maybe, tags, counts);
    }

    @Override
    public int whoAmI(IpcMainInvokeEvent event) {
      return event.sender().id();
    }

    @Override
    public void clear(IpcMainInvokeEvent event) {
      store.clear();
    }
  }

  @Test
  void handlerSeesEachSender() throws Exception {
    try (IpcHost host = Hosts.open()) {
      SenderAware handler = new SenderAware();
      NotesApiIpc.register(host.ipcMain(), handler);
      Renderer first = host.openRenderer();
      Renderer second = host.openRenderer();
      NotesApi a = NotesApiIpc.client(first.ipcRenderer());
      NotesApi b = NotesApiIpc.client(second.ipcRenderer());
      assertThat(a.whoAmI()).isEqualTo(first.webContents().id());
      assertThat(b.whoAmI()).isEqualTo(second.webContents().id());
      assertThat(first.webContents().id()).isNotEqualTo(second.webContents().id());
      assertThat(b.count()).isEqualTo(second.webContents().id() * 100);
      b.log("x");
      handler.store.logged.take();
      assertThat(handler.lastLogSender).isEqualTo(second.webContents().id());
    }
  }
}
