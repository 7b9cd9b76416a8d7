package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Flight Recorder events of the main process, read back from a dumped recording: {@code io.ipc4j.Call} for an
 * invoke or sendSync (either way) and {@code io.ipc4j.Message} for a send or a {@code webContents.send}.
 */
class FlightEventsTest {
  @TempDir Path dir;

  /**
   * Runs {@code work} while both events are recorded, and returns the recorded ones of {@code name}. An event is
   * committed before the answer or message it describes is handed on, so the work's last wait covers it.
   */
  private List<RecordedEvent> record(String name, ThrowingRunnable work) throws Exception {
    Path file = dir.resolve("ipc.jfr");
    try (Recording recording = Recordings.fresh()) {
      recording.enable("io.ipc4j.Call").withoutThreshold();
      recording.enable("io.ipc4j.Message").withoutThreshold();
      recording.start();
      work.run();
      recording.stop();
      recording.dump(file);
    }
    return events(file, name);
  }

  private static List<RecordedEvent> events(Path file, String name) throws IOException {
    // Each thread writes its own buffer: the file's order is not the order of the calls, their start times are.
    return RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().equals(name))
        .sorted(Comparator.comparing(RecordedEvent::getStartTime)).collect(Collectors.toList());
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anInvokeRefusedForTooManyCallsInFlightIsACallThatEndedInError(HostKind kind) throws Exception {
    try (IpcHost host = kind.open(IpcHost.builder().maxCallsInFlight(1))) {
      host.ipcMain().handle("held", (event, args) -> new CompletableFuture<>()); // never answered: it stays in flight
      Renderer r = host.openRenderer();
      CompletableFuture<Object> held = r.ipcRenderer().invoke("held");

      List<RecordedEvent> calls = record("io.ipc4j.Call",
          () -> assertThrows(CompletionException.class, () -> r.ipcRenderer().invoke("held").join()));

      assertThat(calls.stream().map(e -> e.getString("channel") + " " + e.getString("outcome") + " "
          + e.getString("failure")).collect(Collectors.toList()))
          .containsExactly("held error " + IpcException.class.getName());
      held.cancel(true);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anInvokeFromARendererIsACallWithItsBytesDurationAndOutcome(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("slow", (event, args) -> CompletableFuture.supplyAsync(() -> new byte[1000],
          CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)));
      Renderer r = host.openRenderer();

      List<RecordedEvent> calls = record("io.ipc4j.Call", () -> r.ipcRenderer().invoke("slow", new byte[200]).join());

      assertThat(calls).hasSize(1);
      RecordedEvent call = calls.get(0);
      assertThat(call.getString("channel")).isEqualTo("slow");
      assertThat(call.getString("kind")).isEqualTo("invoke");
      assertThat(call.getString("direction")).isEqualTo("renderer-to-main");
      assertThat(call.getInt("rendererId")).isEqualTo(r.webContents().id());
      assertThat(call.getInt("frameId")).isEqualTo(1);
      assertThat(call.getLong("bytesIn")).isAtLeast(200L);
      assertThat(call.getLong("bytesOut")).isAtLeast(1000L);
      assertThat(call.getString("outcome")).isEqualTo("ok");
      assertThat(call.getString("failure")).isNull();
      assertThat(call.getDuration()).isAtLeast(Duration.ofMillis(100));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aFailedOrRejectedCallNamesItsOutcomeAndFailure(HostKind kind) throws Exception {
    IpcInterceptor refuseSecret = m -> {
      if (m.channel().equals("secret")) {
        throw new SecurityException("no");
      }
      return null;
    };
    try (IpcHost host = kind.open(IpcHost.builder().interceptor(refuseSecret))) {
      host.ipcMain().handle("broken", (event, args) -> {
        throw new IllegalStateException("broken");
      });
      host.ipcMain().on("sync", (event, args) -> event.setReturnValue("answer"));
      IpcRenderer ipc = host.openRenderer().ipcRenderer();

      List<RecordedEvent> calls = record("io.ipc4j.Call", () -> {
        assertThrows(CompletionException.class, () -> ipc.invoke("broken").join());
        assertThrows(CompletionException.class, () -> ipc.invoke("secret").join());
        assertThat(ipc.sendSync("sync")).isEqualTo("answer");
      });

      assertThat(calls.stream().map(e -> e.getString("kind") + " " + e.getString("channel") + " "
          + e.getString("outcome") + " " + e.getString("failure")).collect(Collectors.toList())).containsExactly(
          "invoke broken error java.lang.IllegalStateException", "invoke secret rejected java.lang.SecurityException",
          "sendSync sync ok null").inOrder();
      assertThat(calls.get(2).getLong("bytesOut")).isGreaterThan(0L);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anInvokeWhoseCallerStopsWaitingEndsAsCancelledOrDisconnected(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Await.Inbox<String> stagesEnded = new Await.Inbox<>();
      Await.Inbox<Boolean> handled = new Await.Inbox<>();
      host.ipcMain().handle("held", (event, args) -> {
        CompletableFuture<Object> stage = new CompletableFuture<>();
        // The call's event is committed before its stage is cancelled: once the stage ended, the event is in.
        stage.whenComplete((value, failure) -> stagesEnded.put(String.valueOf(stage.isCancelled())));
        handled.put(true);
        return stage;
      });
      Renderer cancelling = host.openRenderer();
      Renderer going = host.openRenderer();

      List<RecordedEvent> calls = record("io.ipc4j.Call", () -> {
        CompletableFuture<Object> call = cancelling.ipcRenderer().invoke("held");
        handled.take();
        call.cancel(true);
        assertThat(stagesEnded.take()).isEqualTo("true");
        going.ipcRenderer().invoke("held");
        handled.take();
        going.close();
        assertThat(stagesEnded.take()).isEqualTo("true");
      });

      assertThat(calls.stream().map(e -> e.getInt("rendererId") + " " + e.getString("outcome") + " "
          + e.getString("failure")).collect(Collectors.toList())).containsExactly(
          cancelling.webContents().id() + " cancelled java.util.concurrent.CancellationException",
          going.webContents().id() + " disconnected " + IpcDisconnectedException.class.getName()).inOrder();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aSendSyncKeptUnansweredEndsAsCancelledOrDisconnectedWhenItsCallerStopsWaiting(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Await.Inbox<IpcMainEvent> kept = new Await.Inbox<>();
      host.ipcMain().on("later", (event, args) -> kept.put(event)); // its listener means to answer later
      host.ipcMain().handle("after", (event, args) -> "after");
      Renderer timingOut = host.openRenderer();
      Renderer going = host.openRenderer();
      Await.Inbox<Boolean> gone = new Await.Inbox<>();
      going.webContents().onDestroyed(() -> gone.put(true));

      List<RecordedEvent> calls = record("io.ipc4j.Call", () -> {
        assertThrows(IpcTimeoutException.class,
            () -> timingOut.ipcRenderer().sendSyncWithTimeout(Duration.ofMillis(100), "later"));
        kept.take();
        // Handled after the cancel its deadline sent, which ended the sendSync's event.
        assertThat(timingOut.ipcRenderer().invoke("after").join()).isEqualTo("after");
        CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> going.ipcRenderer().sendSync("later"));
        kept.take();
        going.close();
        assertThrows(CompletionException.class, blocked::join);
        gone.take(); // called back after its going ended the sendSync's event
      });

      assertThat(calls.stream().filter(e -> e.getString("kind").equals("sendSync"))
          .map(e -> e.getInt("rendererId") + " " + e.getString("outcome") + " " + e.getString("failure"))
          .collect(Collectors.toList())).containsExactly(
          timingOut.webContents().id() + " cancelled java.util.concurrent.CancellationException",
          going.webContents().id() + " disconnected " + IpcDisconnectedException.class.getName()).inOrder();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anInvokeOfARendererIsACallTheOtherWayAndItsTimeoutIsItsOutcome(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("render", (event, args) -> "x".repeat(500));
      r.ipcRenderer().handle("stuck", (event, args) -> new CompletableFuture<>());

      List<RecordedEvent> calls = record("io.ipc4j.Call", () -> {
        assertThat(r.webContents().invoke("render", 1).join()).isEqualTo("x".repeat(500));
        assertThrows(CompletionException.class,
            () -> r.webContents().invokeWithTimeout(Duration.ofMillis(100), "stuck").join());
      });

      assertThat(calls).hasSize(2);
      RecordedEvent render = calls.get(0);
      assertThat(render.getString("direction")).isEqualTo("main-to-renderer");
      assertThat(render.getInt("rendererId")).isEqualTo(r.webContents().id());
      assertThat(render.getLong("bytesOut")).isGreaterThan(0L);
      assertThat(render.getLong("bytesIn")).isAtLeast(500L);
      assertThat(render.getString("outcome")).isEqualTo("ok");
      assertThat(calls.get(1).getString("outcome")).isEqualTo("timeout");
      assertThat(calls.get(1).getString("failure")).isEqualTo(IpcTimeoutException.class.getName());
      assertThat(calls.get(1).getDuration()).isAtLeast(Duration.ofMillis(100));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aCallOfARendererThatItsCallerCancelsEndsAsCancelled(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<String> started = new Await.Inbox<>();
      r.ipcRenderer().handle("stuck", (event, args) -> {
        started.put("started");
        return new CompletableFuture<>();
      });

      List<RecordedEvent> calls = record("io.ipc4j.Call", () -> {
        CompletableFuture<Object> call = r.webContents().invoke("stuck");
        started.take();
        call.cancel(true);
      });

      assertThat(calls).hasSize(1);
      assertThat(calls.get(0).getString("direction")).isEqualTo("main-to-renderer");
      assertThat(calls.get(0).getString("outcome")).isEqualTo("cancelled");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void sendsEitherWayAreMessages(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Await.Inbox<Object> heard = new Await.Inbox<>();
      host.ipcMain().on("to-main", (event, args) -> heard.put(args[0]));
      host.ipcMain().handle("after", (event, args) -> null);
      Renderer r = host.openRenderer();
      r.ipcRenderer().on("to-renderer", (event, args) -> heard.put(args[0]));

      List<RecordedEvent> messages = record("io.ipc4j.Message", () -> {
        r.ipcRenderer().send("to-main", "a".repeat(300));
        heard.take();
        r.ipcRenderer().invoke("after").join(); // handled after the send's listeners ended, in order
        r.webContents().send("to-renderer", 7);
        heard.take();
      });

      assertThat(messages).hasSize(2);
      RecordedEvent fromRenderer = messages.get(0);
      assertThat(fromRenderer.getString("channel")).isEqualTo("to-main");
      assertThat(fromRenderer.getString("direction")).isEqualTo("renderer-to-main");
      assertThat(fromRenderer.getInt("rendererId")).isEqualTo(r.webContents().id());
      assertThat(fromRenderer.getLong("bytes")).isAtLeast(300L);
      assertThat(fromRenderer.getString("outcome")).isEqualTo("ok");
      RecordedEvent toRenderer = messages.get(1);
      assertThat(toRenderer.getString("channel")).isEqualTo("to-renderer");
      assertThat(toRenderer.getString("direction")).isEqualTo("main-to-renderer");
      assertThat(toRenderer.getInt("frameId")).isEqualTo(1);
      assertThat(toRenderer.getLong("bytes")).isGreaterThan(0L);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void nothingIsRecordedByARecordingThatDisablesTheEvents(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("ping", (event, args) -> "pong");
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      Path file = dir.resolve("other.jfr");
      try (Recording recording = Recordings.fresh()) {
        recording.enable("jdk.ThreadSleep").withoutThreshold();
        recording.disable("io.ipc4j.Call");
        recording.disable("io.ipc4j.Message");
        recording.start();
        ipc.invoke("ping").join();
        Thread.sleep(1);
        recording.stop();
        recording.dump(file);
      }
      assertThat(RecordingFile.readAllEvents(file).stream().map(e -> e.getEventType().getName()))
          .containsNoneOf("io.ipc4j.Call", "io.ipc4j.Message");
      assertThat(Files.size(file)).isGreaterThan(0L);
    }
  }
}
