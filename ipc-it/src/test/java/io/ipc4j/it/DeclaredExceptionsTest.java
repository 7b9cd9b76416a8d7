package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.Renderer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * An implementation that throws a subclass of a checked exception its method declares, or whose future or stream
 * fails with one later: the typed caller gets the most specific declared type the exception is an instance of, with
 * its message, calling the main process from a renderer and a renderer from the main process alike.
 */
class DeclaredExceptionsTest {
  private IpcHost host;
  private Renderer renderer;
  /** Served by the main process, called by the renderer. */
  private final Files mainFiles = new Files();
  private FilesApi fromRenderer;
  /** Served by the renderer, called by the main process. */
  private final Files rendererFiles = new Files();
  private FilesApi fromMain;

  @BeforeEach
  void open() {
    host = Hosts.open();
    renderer = host.openRenderer();
    FilesApiIpc.register(host.ipcMain(), mainFiles);
    fromRenderer = FilesApiIpc.client(renderer.ipcRenderer());
    FilesApiIpc.register(renderer.ipcRenderer(), rendererFiles);
    fromMain = FilesApiIpc.client(renderer.webContents());
  }

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  void aSubclassOfTheDeclaredTypeArrivesAsTheDeclaredTypeWithItsMessageBothWays() {
    for (FilesApi files : List.of(fromRenderer, fromMain)) {
      assertExactly(IOException.class, "x", () -> files.read("gone:x"));
      assertExactly(IOException.class, "y", () -> files.read("missing:y"));
    }
  }

  @Test
  void theDeclaredTypeItselfStillArrivesAsItself() {
    for (FilesApi files : List.of(fromRenderer, fromMain)) {
      assertExactly(IOException.class, "z", () -> files.read("io:z"));
    }
  }

  @Test
  void theMostSpecificDeclaredTypeWinsWhateverTheOrderDeclared() {
    for (FilesApi files : List.of(fromRenderer, fromMain)) {
      assertExactly(FileNotFoundException.class, "m", () -> files.open("missing:m"));
      assertExactly(IOException.class, "g", () -> files.open("gone:g"));
    }
  }

  @Test
  void aMethodDeclaringExceptionRethrowsExceptionButNotARuntimeException() {
    for (FilesApi files : List.of(fromRenderer, fromMain)) {
      assertExactly(Exception.class, "e", () -> files.load("io:e"));
      IpcInvokeException e = assertThrows(IpcInvokeException.class, () -> files.load("state:s"));
      assertThat(e.remoteType()).isEqualTo("java.lang.IllegalStateException");
      assertThat(e.remoteMessage()).isEqualTo("s");
    }
  }

  @Test
  void aFutureMethodThatThrowsFailsItsFutureWithTheDeclaredType() {
    for (FilesApi files : List.of(fromRenderer, fromMain)) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> files.readLater("gone:later").get(10, TimeUnit.SECONDS));
      assertThat(e).hasCauseThat().isInstanceOf(IOException.class);
      assertThat(e.getCause().getClass()).isEqualTo(IOException.class);
      assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("later");
    }
  }

  @Test
  void aStreamMethodThatThrowsFailsItsStreamWithTheDeclaredType() throws Exception {
    for (FilesApi files : List.of(fromRenderer, fromMain)) {
      TypedStreamsTest.Collector<String> lines = TypedStreamsTest.Collector.unbounded();
      files.lines("missing:lines").subscribe(lines);
      Throwable failure = lines.awaitFailure();
      assertThat(failure.getClass()).isEqualTo(IOException.class);
      assertThat(failure).hasMessageThat().isEqualTo("lines");
    }
  }

  @Test
  void aFutureThatFailsLaterWithASubclassFailsTheCallersFutureWithTheDeclaredTypeBothWays() {
    for (FilesApi files : List.of(fromRenderer, fromMain)) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> files.fetch("gone:x").toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertThat(e).hasCauseThat().isInstanceOf(IOException.class);
      assertThat(e.getCause().getClass()).isEqualTo(IOException.class);
      assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("x");
      CompletionException joined = assertThrows(CompletionException.class,
          () -> files.fetch("missing:y").toCompletableFuture().join());
      assertThat(joined.getCause().getClass()).isEqualTo(IOException.class);
      assertThat(joined).hasCauseThat().hasMessageThat().isEqualTo("y");
      assertThat(joined).hasCauseThat().hasCauseThat().isInstanceOf(IpcInvokeException.class);
    }
  }

  @Test
  void aFutureThatFailsLaterWithARuntimeExceptionKeepsItsType() {
    for (FilesApi files : List.of(fromRenderer, fromMain)) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> files.fetch("state:s").toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
      assertThat(((IpcInvokeException) e.getCause()).remoteType()).isEqualTo("java.lang.IllegalStateException");
    }
  }

  @Test
  void aFutureWithAnUntypedFormThatFailsLaterWithASubclassFailsWithTheDeclaredTypeBothWays() {
    for (FilesApi files : List.of(fromRenderer, fromMain)) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> files.lookup("missing:m").toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertThat(e.getCause().getClass()).isEqualTo(IOException.class);
      assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("m");
    }
  }

  @Test
  void cancellingAFutureCallCancelsTheImplementationsFutureBothWays() throws Exception {
    for (FilesApi files : List.of(fromRenderer, fromMain)) {
      Files served = files == fromRenderer ? mainFiles : rendererFiles;
      assertCancelReaches(files.fetch("wait:c").toCompletableFuture(), served);
      assertCancelReaches(files.lookup("wait:c").toCompletableFuture(), served);
    }
  }

  @Test
  void aStreamThatFailsLaterWithASubclassFailsWithTheDeclaredTypeBothWays() throws Exception {
    for (FilesApi files : List.of(fromRenderer, fromMain)) {
      TypedStreamsTest.Collector<String> lines = TypedStreamsTest.Collector.unbounded();
      files.follow("missing:tail").subscribe(lines);
      Throwable failure = lines.awaitFailure();
      assertThat(lines.items()).containsExactly("first");
      assertThat(failure.getClass()).isEqualTo(IOException.class);
      assertThat(failure).hasMessageThat().isEqualTo("tail");
    }
  }

  @Test
  void aSendSyncMethodRethrowsTheDeclaredType() {
    assertExactly(IOException.class, "sync", () -> fromRenderer.size("gone:sync"));
  }

  @Test
  void anUntypedCallerSeesTheDeclaredTypeAndTheThrownMessage() {
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> renderer.ipcRenderer().invoke(FilesApiIpc.READ, "gone:untyped").get(10, TimeUnit.SECONDS));
    assertThat(failed).hasCauseThat().isInstanceOf(IpcInvokeException.class);
    IpcInvokeException e = (IpcInvokeException) failed.getCause();
    assertThat(e.remoteType()).isEqualTo("java.io.IOException");
    assertThat(e.remoteMessage()).isEqualTo("untyped");
    assertThat(e).hasMessageThat()
        .isEqualTo("Error invoking remote method 'files:read': java.io.IOException: untyped");
  }

  /** Cancels {@code call} and waits for the future the implementation returned for it to be cancelled. */
  private static void assertCancelReaches(CompletableFuture<?> call, Files served) throws Exception {
    CompletableFuture<?> implementation = served.waiting.poll(10, TimeUnit.SECONDS);
    assertThat(implementation).isNotNull();
    assertThat(call.cancel(true)).isTrue();
    try {
      implementation.handle((value, failure) -> null).get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // still pending: the cancel never reached it, which the assertion below reports
    }
    assertWithMessage("the future the implementation returned is cancelled").that(implementation.isCancelled())
        .isTrue();
  }

  private static void assertExactly(Class<? extends Exception> type, String message, Executable call) {
    Exception e = assertThrows(Exception.class, call);
    assertThat(e.getClass()).isEqualTo(type);
    assertThat(e).hasMessageThat().isEqualTo(message);
    assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
  }
}
