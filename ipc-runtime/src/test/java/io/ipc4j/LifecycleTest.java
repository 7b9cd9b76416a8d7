package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Closing renderers and hosts: nothing waits forever, destroyed objects say so (Electron issue #4279). */
class LifecycleTest {
  private static Throwable failureOf(CompletableFuture<?> future) {
    return assertThrows(CompletionException.class, future::join).getCause();
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void hostCloseFailsEveryPendingCall(HostKind kind) {
    // Also a race's witness: a stage the closing host cancelled once answered its call (IpcInvokeException) when the
    // main loop took the call between the WebContents' destruction and its link's close. Destroyed, it answers none.
    IpcHost host = kind.open();
    host.ipcMain().handle("slow", (event, args) -> new CompletableFuture<>());
    List<CompletableFuture<Object>> calls = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      for (int j = 0; j < 50; j++) {
        calls.add(ipc.invoke("slow", j));
      }
    }
    host.close();
    for (CompletableFuture<Object> call : calls) {
      Throwable t = failureOf(call);
      assertThat(t).isInstanceOf(IpcDisconnectedException.class);
      assertThat(t).hasMessageThat().contains("'slow'");
    }
    assertThat(host.isClosed()).isTrue();
    assertThat(host.allWebContents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void hostCloseUnblocksABlockedSendSync(HostKind kind) throws Exception {
    IpcHost host = kind.open();
    CountDownLatch listening = new CountDownLatch(1);
    host.ipcMain().on("never", (event, args) -> listening.countDown());
    IpcRenderer ipc = host.openRenderer().ipcRenderer();
    CompletableFuture<Throwable> caught = CompletableFuture.supplyAsync(() -> {
      try {
        ipc.sendSync("never");
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    assertThat(listening.await(10, TimeUnit.SECONDS)).isTrue();
    host.close();
    assertThat(caught.get(10, TimeUnit.SECONDS)).isInstanceOf(IpcDisconnectedException.class);
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void rendererCloseFailsItsPendingCallsAndOnlyThose(HostKind kind) {
    try (IpcHost host = kind.open()) {
      CompletableFuture<Object> gate = new CompletableFuture<>();
      // A stage of its own for each call: closing a renderer cancels the stage its call's handler returned.
      host.ipcMain().handle("slow", (event, args) -> gate.thenApply(v -> v));
      Renderer closing = host.openRenderer();
      Renderer staying = host.openRenderer();
      CompletableFuture<Object> doomed = closing.ipcRenderer().invoke("slow");
      CompletableFuture<Object> alive = staying.ipcRenderer().invoke("slow");
      closing.close();
      assertThat(failureOf(doomed)).isInstanceOf(IpcDisconnectedException.class);
      gate.complete("ok");
      assertThat(alive.join()).isEqualTo("ok");
      assertThat(host.allWebContents()).containsExactly(staying.webContents());
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void sendingToADestroyedWebContentsSaysObjectHasBeenDestroyed(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      WebContents wc = r.webContents();
      int id = wc.id();
      r.close();
      assertThat(wc.isDestroyed()).isTrue();
      assertThat(wc.mainFrame().isDestroyed()).isTrue();
      assertThat(wc.id()).isEqualTo(id); // still readable
      IpcDisconnectedException e = assertThrows(IpcDisconnectedException.class, () -> wc.send("x"));
      assertThat(e).hasMessageThat().isEqualTo("Object has been destroyed");
      assertThrows(IpcDisconnectedException.class, () -> wc.mainFrame().send("x"));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void rendererUsedAfterCloseSaysContextWasReleased(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      IpcRenderer ipc = r.ipcRenderer();
      r.close();
      r.close(); // idempotent
      IpcDisconnectedException e = assertThrows(IpcDisconnectedException.class, () -> ipc.send("hello"));
      assertThat(e).hasMessageThat().isEqualTo("IPC method called after context was released");
      assertThrows(IpcDisconnectedException.class, () -> ipc.sendSync("hello"));
      assertThat(failureOf(ipc.invoke("hello"))).isInstanceOf(IpcDisconnectedException.class);
      assertThrows(IpcDisconnectedException.class, r::openFrame);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void destroyedCallbacksRunOnceOnTheMainLoop(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<String> fired = new Await.Inbox<>();
      r.webContents().onDestroyed(() -> fired.put(Thread.currentThread().getName()));
      IpcRegistration removed = r.webContents().onDestroyed(() -> fired.put("removed callback ran"));
      removed.close();
      r.webContents().close();
      assertThat(fired.take()).isEqualTo("ipc4j-main");
      fired.assertEmptyAfter(50);
      r.webContents().onDestroyed(() -> fired.put("late")); // already destroyed: runs at once
      assertThat(fired.take()).isEqualTo("late");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void allWebContentsListsOpenRenderersInOrder(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer a = host.openRenderer();
      Renderer b = host.openRenderer();
      Renderer c = host.openRenderer();
      b.close();
      assertThat(host.allWebContents()).containsExactly(a.webContents(), c.webContents()).inOrder();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void closedHostRefusesNewRenderers(HostKind kind) {
    IpcHost host = kind.open();
    host.close();
    host.close(); // idempotent
    assertThrows(IpcDisconnectedException.class, host::openRenderer);
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void defaultDeadlineComesFromTheHost(HostKind kind) {
    try (IpcHost host = kind.open(Duration.ofMillis(120))) {
      assertThat(host.defaultTimeout()).isEqualTo(Duration.ofMillis(120));
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      assertThat(ipc.defaultTimeout()).isEqualTo(Duration.ofMillis(120));
      host.ipcMain().handle("slow", (event, args) -> new CompletableFuture<>());
      Throwable t = failureOf(ipc.invoke("slow"));
      assertThat(t).isInstanceOf(IpcTimeoutException.class);
      assertThat(t).hasMessageThat().contains("120 ms");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void hostDefaultsToThirtySeconds(HostKind kind) {
    try (IpcHost host = kind.open()) {
      assertThat(host.defaultTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(IpcHost.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(30));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aLateReplyAfterTheDeadlineIsDropped(HostKind kind) {
    try (IpcHost host = kind.open()) {
      CompletableFuture<Object> gate = new CompletableFuture<>();
      host.ipcMain().handle("slow", (event, args) -> gate);
      host.ipcMain().handle("fast", (event, args) -> "fast");
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      CompletableFuture<Object> call = ipc.invokeWithTimeout(Duration.ofMillis(50), "slow");
      assertThat(failureOf(call)).isInstanceOf(IpcTimeoutException.class);
      gate.complete("late");
      assertThat(ipc.invoke("fast").join()).isEqualTo("fast");
      assertThat(failureOf(call)).isInstanceOf(IpcTimeoutException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void badTimeoutsAreRejected(HostKind kind) {
    try (IpcHost host = kind.open()) {
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      assertThrows(IllegalArgumentException.class, () -> ipc.invokeWithTimeout(Duration.ZERO, "x"));
      assertThrows(IllegalArgumentException.class, () -> ipc.sendSyncWithTimeout(Duration.ofSeconds(-1), "x"));
      assertThrows(IllegalArgumentException.class, () -> IpcHost.builder().defaultTimeout(Duration.ZERO));
      assertThrows(IllegalArgumentException.class, () -> IpcHost.builder().spinTime(Duration.ofNanos(-1)));
    }
  }
}
