package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.spi.Calls;
import java.io.FileNotFoundException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A failure generated code reports with {@code Calls.declared} answers under the declared type, with the thrown
 * exception's message, whichever side answers; an unchecked exception given to it keeps its own type.
 */
class DeclaredFailureTest {
  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aDeclaredFailureAnswersUnderTheDeclaredTypeBothWays(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      IpcMainHandler main = (event, args) -> {
        throw Calls.declared("java.io.IOException", new FileNotFoundException("from main"));
      };
      host.ipcMain().handle("read", main);
      r.ipcRenderer().handle("read", (event, args) -> {
        throw Calls.declared("java.io.IOException", new FileNotFoundException("from renderer"));
      });
      assertRemote(r.ipcRenderer().invoke("read"), "java.io.IOException", "from main");
      assertRemote(r.webContents().invoke("read"), "java.io.IOException", "from renderer");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aSendSyncListenersDeclaredFailureAnswersUnderTheDeclaredType(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().on("size", (event, args) -> {
        throw Calls.declared("java.io.IOException", new FileNotFoundException("no size"));
      });
      IpcInvokeException e = assertThrows(IpcInvokeException.class,
          () -> host.openRenderer().ipcRenderer().sendSync("size"));
      assertThat(e.remoteType()).isEqualTo("java.io.IOException");
      assertThat(e.remoteMessage()).isEqualTo("no size");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anUncheckedExceptionKeepsItsOwnType(HostKind kind) {
    try (IpcHost host = kind.open()) {
      IllegalStateException thrown = new IllegalStateException("state");
      assertThat(Calls.declared("java.lang.Exception", thrown)).isSameInstanceAs(thrown);
      host.ipcMain().handle("load", (event, args) -> {
        throw Calls.declared("java.lang.Exception", thrown);
      });
      assertRemote(host.openRenderer().ipcRenderer().invoke("load"), "java.lang.IllegalStateException", "state");
    }
  }

  private static void assertRemote(Future<Object> reply, String type, String message) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> reply.get(10, TimeUnit.SECONDS));
    assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
    IpcInvokeException remote = (IpcInvokeException) e.getCause();
    assertThat(remote.remoteType()).isEqualTo(type);
    assertThat(remote.remoteMessage()).isEqualTo(message);
  }
}
