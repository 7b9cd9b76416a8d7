package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** sendSync and event.setReturnValue (Electron's ipc-main and ipc-renderer specs, and issues #31321, #5187). */
class SendSyncTest {
  @ParameterizedTest
  @EnumSource(HostKind.class)
  void sendSyncReturnsTheValueSetByTheListener(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().once("echo", (event, args) -> event.setReturnValue(args[0]));
      assertThat(host.openRenderer().ipcRenderer().sendSync("echo", "test")).isEqualTo("test");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void nullReturnValueIsAValidAnswer(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().once("send-sync-message", (event, args) -> event.setReturnValue(null));
      assertThat(host.openRenderer().ipcRenderer().sendSync("send-sync-message", "message")).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void firstReturnValueWinsWhenTwoListenersAnswer(HostKind kind) {
    try (IpcHost host = kind.open()) {
      AtomicInteger second = new AtomicInteger();
      host.ipcMain().on("send-sync-message", (event, args) -> event.setReturnValue("first"));
      host.ipcMain().on("send-sync-message", (event, args) -> {
        assertThat(event.hasReturnValue()).isTrue();
        event.setReturnValue("second"); // ignored, no crash
        event.setReturnValue(new Object()); // ignored too: an answer that could not be sent is never made
        second.incrementAndGet();
      });
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      assertThat(ipc.sendSync("send-sync-message")).isEqualTo("first");
      assertThat(ipc.sendSync("send-sync-message")).isEqualTo("first");
      Await.until("the second listener ran for both messages", () -> second.get() == 2); // it runs after the reply
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void scopedListenerSetsTheReturnValue(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.webContents().ipc().on("test", (event, args) -> event.setReturnValue((Integer) args[0] * 2));
      assertThat(r.ipcRenderer().sendSync("test", 42)).isEqualTo(84);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void returnValueMayBeSetLaterFromAnotherThread(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().on("later", (event, args) ->
          CompletableFuture.runAsync(() -> event.setReturnValue("done")));
      assertThat(host.openRenderer().ipcRenderer().sendSync("later")).isEqualTo("done");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void sendSyncWithoutListenerFailsAtOnceInsteadOfHanging(HostKind kind) {
    try (LogCapture log = new LogCapture(); IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      IpcRenderer ipc = renderer.ipcRenderer();
      long start = System.nanoTime();
      IpcInvokeException e = assertThrows(IpcInvokeException.class, () -> ipc.sendSync("nobody"));
      assertThat(e).hasMessageThat().contains("No listener registered for 'nobody'");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(log.messages()).contains("WebContents #" + renderer.webContents().id()
          + " called ipcRenderer.sendSync() with 'nobody' channel without listeners."); // Electron's warning
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void listenerThatNeverAnswersEndsAtTheDeadline(HostKind kind) {
    try (IpcHost host = kind.open(Duration.ofMillis(150))) {
      host.ipcMain().on("silent", (event, args) -> {});
      IpcTimeoutException e = assertThrows(IpcTimeoutException.class,
          () -> host.openRenderer().ipcRenderer().sendSync("silent"));
      assertThat(e.channel()).isEqualTo("silent");
      assertThat(e).hasMessageThat().contains("150 ms");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void perCallDeadlineOverridesTheDefault(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().on("silent", (event, args) -> {});
      long start = System.nanoTime();
      assertThrows(IpcTimeoutException.class, () ->
          host.openRenderer().ipcRenderer().sendSyncWithTimeout(Duration.ofMillis(100), "silent"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void listenerFailureBeforeAnsweringIsReportedToTheSender(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().on("bad", (event, args) -> {
        throw new IllegalStateException("listener broke");
      });
      IpcInvokeException e = assertThrows(IpcInvokeException.class,
          () -> host.openRenderer().ipcRenderer().sendSync("bad"));
      assertThat(e.remoteType()).isEqualTo("java.lang.IllegalStateException");
      assertThat(e.remoteMessage()).isEqualTo("listener broke");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void unencodableReturnValueThrowsInMainAndLeavesTheAnswerOpen(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().on("v", (event, args) -> {
        IpcCloneException e = assertThrows(IpcCloneException.class, () -> event.setReturnValue(new Object()));
        assertThat(e).hasMessageThat().startsWith("An object could not be cloned.");
        assertThat(event.hasReturnValue()).isFalse();
        event.setReturnValue("fallback");
      });
      assertThat(host.openRenderer().ipcRenderer().sendSync("v")).isEqualTo("fallback");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void setReturnValueOnAnAsyncMessageIsRefused(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<Throwable> errors = new Await.Inbox<>();
      host.ipcMain().on("async", (event, args) -> {
        assertThat(event.isSync()).isFalse();
        errors.put(assertThrows(IllegalStateException.class, () -> event.setReturnValue(1)));
      });
      host.openRenderer().ipcRenderer().send("async");
      assertThat(errors.take()).hasMessageThat().contains("sendSync");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void sendSyncWithUnencodableArgumentThrowsAtOnce(HostKind kind) {
    try (IpcHost host = kind.open()) {
      AtomicInteger heard = new AtomicInteger();
      host.ipcMain().on("x", (event, args) -> {
        heard.incrementAndGet();
        event.setReturnValue(null);
      });
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      IpcCloneException e = assertThrows(IpcCloneException.class, () -> ipc.sendSync("x", List.of(new Object())));
      assertThat(e.path()).isEqualTo("[0][0]");
      ipc.sendSync("x");
      assertThat(heard.get()).isEqualTo(1);
    }
  }
}
