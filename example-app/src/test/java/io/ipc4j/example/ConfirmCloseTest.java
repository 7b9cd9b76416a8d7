package io.ipc4j.example;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Before quitting, the main process asks every window for its unsaved edits, in parallel and with a deadline; each
 * case runs with renderers as threads and as child JVMs (the example's normal mode).
 */
class ConfirmCloseTest {
  private static final Duration DEADLINE = Duration.ofSeconds(Quit.DEADLINE_SECONDS);

  private IpcHost host;
  private ExecutorService disk;
  private NoteStore store;
  private final BlockingQueue<Integer> ready = new LinkedBlockingQueue<>();

  private Map<String, WebContents> open(boolean childJvms, Path notes, String... behaviours) throws Exception {
    host = childJvms
        ? IpcHost.builder().jvmOptions("-XX:TieredStopAtLevel=1", "-Xshare:auto").overSockets()
        : IpcHost.inProcess();
    host.ipcMain().on(ClosingWindow.READY, (event, args) -> ready.add(event.sender().id()));
    disk = Executors.newSingleThreadExecutor();
    store = new NoteStore(notes);
    Map<String, WebContents> windows = new LinkedHashMap<>();
    for (String behaviour : behaviours) {
      windows.put(behaviour + windows.size(), childJvms ? launch(behaviour) : openInProcess(behaviour));
    }
    return windows;
  }

  private WebContents launch(String behaviour) throws InterruptedException {
    WebContents window = host.launchRenderer(ClosingWindow.class, behaviour);
    assertThat(ready.poll(60, TimeUnit.SECONDS)).isEqualTo(window.id());
    return window;
  }

  private WebContents openInProcess(String behaviour) {
    Renderer renderer = host.openRenderer();
    WindowApiIpc.register(renderer.ipcRenderer(), ClosingWindow.behaving(behaviour));
    return renderer.webContents();
  }

  @AfterEach
  void close() throws InterruptedException {
    if (host != null) {
      host.close();
    }
    if (disk != null) {
      disk.shutdown();
      disk.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static List<Quit.Outcome> outcomes(List<Quit.Closed> closed) {
    return closed.stream().map(Quit.Closed::outcome).toList();
  }

  private static void assertAllDestroyed(Map<String, WebContents> windows) {
    assertThat(windows.values().stream().filter(window -> !window.isDestroyed()).toList()).isEmpty();
  }

  @ParameterizedTest(name = "child JVMs: {0}")
  @ValueSource(booleans = {false, true})
  void whenEveryWindowAnswersEachIsClosedAndItsDraftsAreKeptAsNotes(boolean childJvms, @TempDir Path notes)
      throws Exception {
    Map<String, WebContents> windows = open(childJvms, notes, "clean", "unsaved");
    List<Quit.Closed> closed = new Quit(store, disk).closeAll(windows);
    assertThat(outcomes(closed)).containsExactly(Quit.Outcome.FINE, Quit.Outcome.KEPT_DRAFTS).inOrder();
    assertThat(closed.get(1).kept()).hasSize(1);
    assertThat(store.list()).containsExactlyElementsIn(closed.get(1).kept());
    assertThat(store.list().get(0).title()).isEqualTo("Unsent letter");
    assertThat(store.list().get(0).body()).isEqualTo("Dear Sam");
    assertThat(store.list().get(0).updatedBy()).isEqualTo("unsaved1");
    assertThat(closed.get(1).describe())
        .isEqualTo("window unsaved1 has unsaved edits: kept as Note 1 \"Unsent letter\"; closed");
    assertAllDestroyed(windows);
  }

  @ParameterizedTest(name = "child JVMs: {0}")
  @ValueSource(booleans = {false, true})
  void aWindowThatDoesNotAnswerIsClosedAnywayAndTheQuitTakesAboutTheDeadline(boolean childJvms,
      @TempDir Path notes) throws Exception {
    Map<String, WebContents> windows = open(childJvms, notes, "silent", "unsaved");
    long start = System.nanoTime();
    List<Quit.Closed> closed = new Quit(store, disk).closeAll(windows);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(outcomes(closed)).containsExactly(Quit.Outcome.NO_ANSWER, Quit.Outcome.KEPT_DRAFTS).inOrder();
    assertThat(closed.get(0).describe()).isEqualTo("window silent0 did not answer within 2 s: closed anyway");
    assertAllDestroyed(windows);
    assertThat(took).isAtLeast(DEADLINE.minusMillis(100));
    // Wide margin for a loaded machine, yet well short of waiting for the silent window a second time.
    assertThat(took).isLessThan(DEADLINE.multipliedBy(2));
  }

  @ParameterizedTest(name = "child JVMs: {0}")
  @ValueSource(booleans = {false, true})
  void windowsAreAskedInParallelSoSeveralSilentOnesCostOneDeadline(boolean childJvms, @TempDir Path notes)
      throws Exception {
    Map<String, WebContents> windows = open(childJvms, notes, "silent", "silent");
    long start = System.nanoTime();
    List<Quit.Closed> closed = new Quit(store, disk).closeAll(windows);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(outcomes(closed)).containsExactly(Quit.Outcome.NO_ANSWER, Quit.Outcome.NO_ANSWER);
    assertAllDestroyed(windows);
    // One after the other, they would take two deadlines.
    assertThat(took).isLessThan(DEADLINE.multipliedBy(2));
  }

  @ParameterizedTest(name = "child JVMs: {0}")
  @ValueSource(booleans = {false, true})
  void aWindowAlreadyGoneIsReportedWithoutWaitingForTheDeadline(boolean childJvms, @TempDir Path notes)
      throws Exception {
    Map<String, WebContents> windows = open(childJvms, notes, "silent");
    windows.get("silent0").close();
    long start = System.nanoTime();
    List<Quit.Closed> closed = new Quit(store, disk).closeAll(windows);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(outcomes(closed)).containsExactly(Quit.Outcome.GONE);
    assertThat(closed.get(0).describe()).isEqualTo("window silent0 was already gone");
    assertThat(took).isLessThan(DEADLINE);
  }
}
