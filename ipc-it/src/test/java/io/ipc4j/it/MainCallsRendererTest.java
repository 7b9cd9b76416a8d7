package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipc4j.IpcException;
import io.ipc4j.IpcHost;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.IpcRegistration;
import io.ipc4j.IpcTimeoutException;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The main process calls a typed interface that a renderer serves: {@code register(IpcRenderer, X)} and
 * {@code client(WebContents)}.
 */
class MainCallsRendererTest {
  private static final Note FIRST =
      new Note(1, "first", List.of("a", "b"), Instant.ofEpochSecond(1, 5), Priority.LOW);

  private IpcHost host;
  private Store store;
  private IpcRegistration served;
  private NotesApi notes;

  @BeforeEach
  void open() {
    host = Hosts.open();
    store = new Store();
    Renderer renderer = host.openRenderer();
    served = NotesApiIpc.register(renderer.ipcRenderer(), store);
    notes = NotesApiIpc.client(renderer.webContents());
  }

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  void aBlockingCallFromMainReturnsTheRecordTheRendererAnswered() throws Exception {
    assertThat(notes.get(1)).isEqualTo(FIRST);
  }

  @Test
  void aCheckedExceptionThrownInTheRendererIsRethrownAsTheDeclaredOne() {
    NoteNotFound e = assertThrows(NoteNotFound.class, () -> notes.get(42));
    assertThat(e).hasMessageThat().isEqualTo("no note 42");
    assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
  }

  @Test
  void aRecordArgumentAndResultRoundTripThroughTheRenderer() throws Exception {
    Note renamed = notes.rename(1, "renamed");
    assertThat(renamed).isEqualTo(new Note(1, "renamed", FIRST.tags(), renamed.updated(), Priority.LOW));
    assertThat(store.notes.get(1L)).isEqualTo(renamed);
  }

  @Test
  void futureMethodsCompleteWithTheDeclaredTypeOrTheDeclaredException() throws Exception {
    assertThat(notes.list().get(10, TimeUnit.SECONDS)).containsExactly(FIRST, store.notes.get(Long.MAX_VALUE));
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> notes.find(9).toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertThat(e).hasCauseThat().isInstanceOf(NoteNotFound.class);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("nothing at 9");
  }

  @Test
  void aSendReachesTheRenderersImplementation() throws Exception {
    notes.log("to the renderer");
    assertThat(store.logged.poll(10, TimeUnit.SECONDS)).isEqualTo("to the renderer");
  }

  @Test
  void aSendSyncMethodThrowsBecauseOnlyARendererMayBlockOnTheMainProcess() {
    IpcException e = assertThrows(IpcException.class, () -> notes.count());
    assertThat(e).hasMessageThat()
        .isEqualTo("'notes:count' is @SendSync: only a renderer may block on the main process");
  }

  @Test
  void theTimeoutAnnotationBoundsTheCallFromMain() {
    assertThrows(IpcTimeoutException.class, () -> notes.slow(2_000));
  }

  @Test
  void closingTheRegistrationStopsServing() {
    served.close();
    IpcInvokeException e = assertThrows(IpcInvokeException.class, () -> notes.get(1));
    assertThat(e).hasMessageThat().contains("No handler registered for 'notes:get'");
  }

  @Test
  void cancellingATypedFutureOrItsDeadlinePassingCancelsTheRenderersImplementationsFuture() throws Exception {
    BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
    host.ipcMain().on("cancelled", (event, args) -> cancelled.add((String) args[0]));
    Renderer renderer = host.openRenderer();
    PatientApiIpc.register(renderer.ipcRenderer(), new Children.Holder(renderer.ipcRenderer()));
    PatientApi patient = PatientApiIpc.client(renderer.webContents());
    assertCancelsReachTheRenderer(patient, cancelled);
  }

  /** A typed call cancelled from main, and one past its deadline, each cancel the renderer's future (its report). */
  private static void assertCancelsReachTheRenderer(PatientApi patient, BlockingQueue<String> cancelled)
      throws Exception {
    CompletableFuture<String> held = patient.hold("by cancel");
    assertThat(cancelled.poll(300, TimeUnit.MILLISECONDS)).isNull(); // nothing is cancelled before the caller says so
    assertThat(held.cancel(true)).isTrue();
    assertThat(cancelled.poll(10, TimeUnit.SECONDS)).isEqualTo("by cancel");

    CompletableFuture<String> brief = patient.holdBriefly("by deadline");
    ExecutionException e = assertThrows(ExecutionException.class, () -> brief.get(10, TimeUnit.SECONDS));
    assertThat(e).hasCauseThat().isInstanceOf(IpcTimeoutException.class);
    assertThat(cancelled.poll(10, TimeUnit.SECONDS)).isEqualTo("by deadline");
  }

  @Test
  void aTypedCallToAChildJvmRendererCancelledFromMainCancelsItsImplementationsFuture() throws Exception {
    assumeTrue(Hosts.KIND.equals("sockets"), "renderer JVMs: run with the socket host");
    try (IpcHost children = childHost()) {
      BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
      children.ipcMain().on("cancelled", (event, args) -> cancelled.add((String) args[0]));
      WebContents child = launchReady(children, Children.PatientServer.class);
      assertCancelsReachTheRenderer(PatientApiIpc.client(child), cancelled);
    }
  }

  @Test
  void aRendererInAChildJvmServesTheSameInterface() throws Exception {
    assumeTrue(Hosts.KIND.equals("sockets"), "renderer JVMs: run with the socket host");
    try (IpcHost children = childHost()) {
      WebContents child = launchReady(children, Children.NotesServer.class);
      NotesApi remote = NotesApiIpc.client(child);
      assertThat(remote.get(1)).isEqualTo(FIRST);
      assertThat(remote.rename(1, "over the socket").title()).isEqualTo("over the socket");
      NoteNotFound e = assertThrows(NoteNotFound.class, () -> remote.get(7));
      assertThat(e).hasMessageThat().isEqualTo("no note 7");
    }
  }

  /** A host for renderer JVMs, started quickly. */
  private static IpcHost childHost() {
    return IpcHost.builder().jvmOptions("-XX:TieredStopAtLevel=1", "-Xshare:auto")
        .shutdownGrace(Duration.ofSeconds(2)).overSockets();
  }

  /** Launches a renderer JVM and waits for its "ready". */
  private static WebContents launchReady(IpcHost children, Class<?> main) throws InterruptedException {
    BlockingQueue<Integer> ready = new LinkedBlockingQueue<>();
    children.ipcMain().on("ready", (event, args) -> ready.add(event.sender().id()));
    WebContents child = children.launchRenderer(main);
    assertThat(ready.poll(60, TimeUnit.SECONDS)).isEqualTo(child.id());
    return child;
  }
}
