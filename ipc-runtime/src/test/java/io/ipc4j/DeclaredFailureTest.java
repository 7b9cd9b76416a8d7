package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.spi.Calls;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A failure generated code reports with {@code Calls.declared}, or a later failure of a future or stream it wraps
 * with {@code Calls.declaring}, answers under the declared type, with the failure's message, whichever side answers;
 * an unchecked exception keeps its own type, and a cancel still reaches the implementation's future.
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

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aFutureFailingLaterAnswersUnderTheMostSpecificDeclaredTypeBothWays(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      IpcMainHandler main = (event, args) -> Calls.declaring(
          CompletableFuture.failedFuture(new NoSuchFileException("from main")), FileNotFoundException.class,
          IOException.class);
      host.ipcMain().handle("read", main);
      r.ipcRenderer().handle("read", (event, args) -> Calls.declaring(
          CompletableFuture.supplyAsync(() -> {
            throw new CompletionException(new MissingFile("from renderer"));
          }), FileNotFoundException.class, IOException.class));
      assertRemote(r.ipcRenderer().invoke("read"), "java.io.IOException", "from main");
      assertRemote(r.webContents().invoke("read"), "java.io.FileNotFoundException", "from renderer");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aFutureFailingLaterWithAnUncheckedExceptionKeepsItsOwnType(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("load", (event, args) -> Calls.declaring(
          CompletableFuture.failedFuture(new IllegalStateException("state")), Exception.class));
      assertRemote(host.openRenderer().ipcRenderer().invoke("load"), "java.lang.IllegalStateException", "state");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aStreamFailingLaterEndsUnderTheDeclaredTypeBothWays(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      IpcMainHandler main = (event, args) -> Calls.declaring(failing(new MissingFile("main stream")),
          IOException.class);
      host.ipcMain().handle("lines", main);
      r.ipcRenderer().handle("lines", (event, args) -> Calls.declaring(failing(new MissingFile("renderer stream")),
          IOException.class));
      StreamProbe fromRenderer = StreamProbe.all();
      r.ipcRenderer().stream("lines").subscribe(fromRenderer);
      assertRemote(fromRenderer.failure(), "java.io.IOException", "main stream");
      StreamProbe fromMain = StreamProbe.all();
      r.webContents().stream("lines").subscribe(fromMain);
      assertRemote(fromMain.failure(), "java.io.IOException", "renderer stream");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void cancellingTheCallCancelsTheImplementationsFutureBothWays(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      CompletableFuture<Object> inMain = new CompletableFuture<>();
      CompletableFuture<Object> inRenderer = new CompletableFuture<>();
      IpcMainHandler main = (event, args) -> Calls.declaring(inMain, IOException.class);
      host.ipcMain().handle("wait", main);
      r.ipcRenderer().handle("wait", (event, args) -> Calls.declaring(inRenderer, IOException.class));
      assertCancelReaches(r.ipcRenderer().invoke("wait"), inMain);
      assertCancelReaches(r.webContents().invoke("wait"), inRenderer);
    }
  }

  /** A subclass of a subclass of {@code IOException}. */
  private static final class MissingFile extends FileNotFoundException {
    private static final long serialVersionUID = 1L;

    MissingFile(String message) {
      super(message);
    }
  }

  /** A publisher that emits nothing and fails with {@code failure} once asked for items. */
  private static Flow.Publisher<Object> failing(Throwable failure) {
    return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {
        subscriber.onError(failure);
      }

      @Override
      public void cancel() {}
    });
  }

  private static void assertCancelReaches(CompletableFuture<Object> call, CompletableFuture<Object> implementation) {
    Await.until("the call reaches its handler", () -> implementation.getNumberOfDependents() > 0);
    assertThat(call.cancel(true)).isTrue();
    Await.until("the implementation's future is cancelled", implementation::isCancelled);
  }

  private static void assertRemote(Throwable failure, String type, String message) {
    assertThat(failure).isInstanceOf(IpcInvokeException.class);
    IpcInvokeException remote = (IpcInvokeException) failure;
    assertThat(remote.remoteType()).isEqualTo(type);
    assertThat(remote.remoteMessage()).isEqualTo(message);
  }

  private static void assertRemote(Future<Object> reply, String type, String message) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> reply.get(10, TimeUnit.SECONDS));
    assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
    IpcInvokeException remote = (IpcInvokeException) e.getCause();
    assertThat(remote.remoteType()).isEqualTo(type);
    assertThat(remote.remoteMessage()).isEqualTo(message);
  }
}
