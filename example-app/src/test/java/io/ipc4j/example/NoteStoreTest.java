package io.ipc4j.example;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import io.ipc4j.WebContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keeps every acknowledged note, whatever happens to the windows. */
class NoteStoreTest {
  @Test
  void notesSurviveAReopen(@TempDir Path dir) {
    NoteStore store = new NoteStore(dir);
    Note a = store.create("a", "body with = and \n newlines", "A");
    store.create("b", "", "A");
    store.rename(a.id(), "a2", "B");
    store.delete(2);
    NoteStore reopened = new NoteStore(dir);
    assertThat(reopened.list()).containsExactly(store.get(a.id()).orElseThrow());
    assertThat(reopened.create("c", "", "A").id()).isEqualTo(3); // ids are never reused
  }

  /** A window that creates notes as fast as it can, reporting each one the main process acknowledged. */
  public static final class Scribbler {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      NotesApi notes = NotesApiIpc.client(ipc);
      for (int i = 0; ; i++) {
        Note note = notes.create("note " + i, "x".repeat(1000)).join();
        ipc.send("acked", note.id());
      }
    }
  }

  @Test
  void aRendererKilledMidSessionLosesNothingAcknowledged(@TempDir Path dir) throws Exception {
    NoteStore store = new NoteStore(dir);
    ExecutorService disk = Executors.newSingleThreadExecutor();
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    try (IpcHost host = IpcHost.builder().jvmOptions("-XX:TieredStopAtLevel=1").overSockets()) {
      NotesApiIpc.register(host.ipcMain(), new NotesService(host, store, disk));
      host.ipcMain().on("acked", (event, args) -> acked.add(((Number) args[0]).longValue()));
      WebContents window = host.launchRenderer(Scribbler.class);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (acked.size() < 50 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(acked.size()).isAtLeast(50);
      ProcessHandle.of(window.osProcessId()).orElseThrow().destroyForcibly();
      ProcessHandle.of(window.osProcessId()).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    } finally {
      disk.shutdown();
      disk.awaitTermination(10, TimeUnit.SECONDS);
    }
    NoteStore reopened = new NoteStore(dir); // throws if any file is torn
    Set<Long> onDisk = reopened.list().stream().map(Note::id).collect(Collectors.toSet());
    assertThat(onDisk).containsAtLeastElementsIn(acked);
    try (Stream<Path> files = Files.list(dir)) {
      List<String> leftovers = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
      assertThat(leftovers).isEmpty();
    }
  }
}
