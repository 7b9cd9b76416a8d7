package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.Renderer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every call style of a generated client against a generated registration. */
class CallStylesTest {
  private IpcHost host;
  private Store store;
  private NotesApi notes;

  @BeforeEach
  void open() {
    host = Hosts.open();
    store = new Store();
    NotesApiIpc.register(host.ipcMain(), store);
    Renderer renderer = host.openRenderer();
    notes = NotesApiIpc.client(renderer.ipcRenderer());
  }

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  void channelConstantsFollowPrefixAndMethodName() {
    assertThat(NotesApiIpc.GET).isEqualTo("notes:get");
    assertThat(NotesApiIpc.WHO_AM_I).isEqualTo("notes:whoAmI");
    assertThat(NotesApiIpc.RENAME).isEqualTo("notes:rename");
    assertThat(SlowApiIpc.WORK_SYNC).isEqualTo("slowApi:workSync");
  }

  @Test
  void blockingInvokeReturnsTheRecordItself() throws Exception {
    Note note = notes.get(1);
    assertThat(note).isEqualTo(new Note(1, "first", List.of("a", "b"), Instant.ofEpochSecond(1, 5), Priority.LOW));
    assertThat(notes.get(Long.MAX_VALUE).id()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void asyncTypedCallsMayBeJoinedInsideARendererListener() throws Exception {
    Renderer renderer = host.openRenderer();
    NotesApi client = NotesApiIpc.client(renderer.ipcRenderer());
    java.util.concurrent.CompletableFuture<Integer> seen = new java.util.concurrent.CompletableFuture<>();
    renderer.ipcRenderer().on("go", (event, args) -> seen.complete(client.list().join().size()));
    renderer.webContents().send("go");
    assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(2);
  }

  @Test
  void asyncInvokeCompletesWithTheDeclaredType() throws Exception {
    List<Note> all = notes.list().get(5, TimeUnit.SECONDS);
    assertThat(all).hasSize(2);
    assertThat(all.get(0)).isInstanceOf(Note.class);
  }

  @Test
  void sendArrivesWithoutAReply() throws Exception {
    notes.log("hello");
    assertThat(store.logged.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
  }

  @Test
  void sendSyncReturnsTheValue() {
    assertThat(notes.count()).isEqualTo(2);
  }

  @Test
  void explicitChannelIsUsed() throws Exception {
    assertThat(notes.rename(1, "renamed").title()).isEqualTo("renamed");
    assertThat(store.notes.get(1L).title()).isEqualTo("renamed");
  }

  @Test
  void voidInvokeWaitsForTheHandler() {
    notes.clear();
    assertThat(store.notes).isEmpty();
  }

  @Test
  void declaredCheckedExceptionArrivesAsItself() {
    NoteNotFound e = assertThrows(NoteNotFound.class, () -> notes.get(42));
    assertThat(e).hasMessageThat().isEqualTo("no note 42");
    assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
  }

  @Test
  void declaredCheckedExceptionFailsTheFutureAsItself() {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> notes.find(42).toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertThat(e).hasCauseThat().isInstanceOf(NoteNotFound.class);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("nothing at 42");
  }

  @Test
  void uncheckedExceptionArrivesAsIpcInvokeExceptionInElectronsFormat() {
    IpcInvokeException e = assertThrows(IpcInvokeException.class, () -> notes.fail("broken"));
    assertThat(e.remoteType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(e.remoteMessage()).isEqualTo("broken");
    assertThat(e).hasMessageThat()
        .isEqualTo("Error invoking remote method 'notes:fail': java.lang.IllegalStateException: broken");
  }

  @Test
  void asyncFailureIsNotWrappedTwice() {
    CompletionException e = assertThrows(CompletionException.class, () -> notes.find(7).toCompletableFuture().join());
    assertThat(e).hasCauseThat().isInstanceOf(NoteNotFound.class);
  }
}
