package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code @Timeout} on a method, else on the interface, else the host's default. */
class DeadlineTest {
  /** Answers after the asked delay without blocking the main loop. */
  private static final class Delayed {
    static CompletableFuture<Object> after(long millis) {
      return CompletableFuture.supplyAsync(() -> "done",
          CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void methodDeadlineFailsALateInvoke() {
    try (IpcHost host = Hosts.open()) {
      NotesApiIpc.register(host.ipcMain(), new Store());
      NotesApi notes = NotesApiIpc.client(host.openRenderer().ipcRenderer());
      assertThat(notes.slow(0)).isEqualTo("done");
      IpcTimeoutException e = assertThrows(IpcTimeoutException.class, () -> notes.slow(1_000));
      assertThat(e.channel()).isEqualTo("notes:slow");
      assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200));
    }
  }

  @Test
  void interfaceDeadlineAppliesToInvokeAndSendSync() {
    try (IpcHost host = Hosts.open()) {
      host.ipcMain().handle(SlowApiIpc.WORK, (event, args) -> Delayed.after(((Number) args[0]).longValue()));
      host.ipcMain().on(SlowApiIpc.WORK_SYNC, (event, args) -> Delayed.after(((Number) args[0]).longValue())
          .thenAccept(event::setReturnValue));
      host.ipcMain().handle(SlowApiIpc.PATIENT, (event, args) -> Delayed.after(((Number) args[0]).longValue()));
      SlowApi slow = SlowApiIpc.client(host.openRenderer().ipcRenderer());
      assertThat(slow.work(0)).isEqualTo("done");
      IpcTimeoutException invoke = assertThrows(IpcTimeoutException.class, () -> slow.work(2_000));
      assertThat(invoke.timeout()).isEqualTo(Duration.ofMillis(150));
      IpcTimeoutException sync = assertThrows(IpcTimeoutException.class, () -> slow.workSync(2_000));
      assertThat(sync.timeout()).isEqualTo(Duration.ofMillis(150));
      assertThat(slow.patient(400)).isEqualTo("done");
    }
  }

  @Test
  void withoutAnAnnotationTheHostDefaultApplies() {
    try (IpcHost host = Hosts.open(IpcHost.builder().defaultTimeout(Duration.ofMillis(100)))) {
      host.ipcMain().handle(NotesApiIpc.COUNT, (event, args) -> 0);
      host.ipcMain().handle(NotesApiIpc.WHO_AM_I, (event, args) -> Delayed.after(2_000));
      NotesApi notes = NotesApiIpc.client(host.openRenderer().ipcRenderer());
      IpcTimeoutException e = assertThrows(IpcTimeoutException.class, notes::whoAmI);
      assertThat(e.timeout()).isEqualTo(Duration.ofMillis(100));
    }
  }
}
