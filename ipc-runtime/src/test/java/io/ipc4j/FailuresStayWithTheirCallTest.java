package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.spi.Codecs;
import io.ipc4j.spi.RecordCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN §11: whatever user code or decoding throws, an {@code Error} included, fails the call it belongs to and
 * nothing else: the main loop, the renderer loops and the deadlines keep working.
 */
class FailuresStayWithTheirCallTest {
  /** The errors user code might throw; each is thrown with the message "test". */
  enum Kind {
    OUT_OF_MEMORY {
      @Override
      Error error() {
        return new OutOfMemoryError("test");
      }
    },
    STACK_OVERFLOW {
      @Override
      Error error() {
        return new StackOverflowError("test");
      }
    },
    OWN_ERROR {
      @Override
      Error error() {
        return new OwnError("test");
      }
    };

    abstract Error error();
  }

  /** An Error subclass of the application's own. */
  static final class OwnError extends Error {
    private static final long serialVersionUID = 1L;

    OwnError(String message) {
      super(message);
    }
  }

  /**
   * A value whose codec throws: {@code decode:KIND} when it is decoded, {@code encode:KIND} when it is encoded
   * (anything else crosses normally).
   */
  record Bomb(String when) {}

  /** The Bomb's codec, which the host and each renderer are given. */
  static final List<RecordCodec<Bomb>> BOMB_CODECS = List.of(new RecordCodec<Bomb>() {
    @Override
    public Class<Bomb> type() {
      return Bomb.class;
    }

    @Override
    public String typeName() {
      return "io.ipc4j.FailuresStayWithTheirCallTest$Bomb";
    }

    @Override
    public List<String> componentNames() {
      return List.of("when");
    }

    @Override
    public Object[] components(Bomb value) {
      explodeIf("encode:", value.when());
      return new Object[] {value.when()};
    }

    @Override
    public Bomb create(Object[] components) {
      explodeIf("decode:", (String) components[0]);
      return new Bomb((String) components[0]);
    }
  });

  private static void explodeIf(String prefix, String when) {
    if (when.startsWith(prefix)) {
      throw Kind.valueOf(when.substring(prefix.length())).error();
    }
  }

  /** Short enough that the old behaviour (no answer until the deadline) fails the test quickly. */
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private static IpcInvokeException invokeFailure(CompletableFuture<?> future) {
    CompletionException e = assertThrows(CompletionException.class, future::join);
    assertThat(e.getCause()).isInstanceOf(IpcInvokeException.class);
    return (IpcInvokeException) e.getCause();
  }

  private static void assertNames(IpcInvokeException e, Kind kind) {
    assertThat(e.remoteType()).isEqualTo(kind.error().getClass().getName());
    assertThat(e.remoteMessage()).isEqualTo("test");
  }

  private static void handleEcho(IpcHost host) {
    host.ipcMain().handle("echo", (event, args) -> args[0]);
    host.ipcMain().on("echo-sync", (event, args) -> event.setReturnValue(args[0]));
  }

  /** Deadlines still end calls nobody waits on, through a callback (a join would time itself out). */
  private static void assertDeadlinesStillExpire(IpcHost host, IpcRenderer ipc) {
    host.ipcMain().handle("never", (event, args) -> new CompletableFuture<>());
    Await.Inbox<Throwable> failed = new Await.Inbox<>();
    ipc.invokeWithTimeout(Duration.ofMillis(200), "never").whenComplete((value, t) -> failed.put(t));
    assertThat(failed.take()).isInstanceOf(IpcTimeoutException.class);
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aHandlerThrowingAnErrorFailsItsCallWithItAndTheNextCallWorks(HostKind kind) {
    try (IpcHost host = kind.open(IpcHost.builder().codecs(BOMB_CODECS))) {
      handleEcho(host);
      host.ipcMain().handle("boom", (event, args) -> {
        throw Kind.valueOf((String) args[0]).error();
      });
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      Codecs.addTo(ipc, BOMB_CODECS);
      for (Kind k : Kind.values()) {
        assertNames(invokeFailure(ipc.invokeWithTimeout(DEADLINE, "boom", k.name())), k);
        assertThat(ipc.invokeWithTimeout(DEADLINE, "echo", k.ordinal()).join()).isEqualTo(k.ordinal());
      }
      assertDeadlinesStillExpire(host, ipc);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aListenerThrowingAnErrorAnswersTheSendSyncWithItAndTheNextCallWorks(HostKind kind) {
    try (IpcHost host = kind.open(IpcHost.builder().codecs(BOMB_CODECS))) {
      handleEcho(host);
      host.ipcMain().on("boom", (event, args) -> {
        throw Kind.valueOf((String) args[0]).error();
      });
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      Codecs.addTo(ipc, BOMB_CODECS);
      for (Kind k : Kind.values()) {
        ipc.send("boom", k.name()); // nobody to answer: the loop just goes on
        assertNames(assertThrows(IpcInvokeException.class, () -> ipc.sendSyncWithTimeout(DEADLINE, "boom", k.name())),
            k);
        assertThat(ipc.sendSyncWithTimeout(DEADLINE, "echo-sync", k.ordinal())).isEqualTo(k.ordinal());
      }
      assertDeadlinesStillExpire(host, ipc);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aStageCompletedWithAnErrorFailsItsCallWithIt(HostKind kind) {
    try (IpcHost host = kind.open(IpcHost.builder().codecs(BOMB_CODECS))) {
      handleEcho(host);
      host.ipcMain().handle("later", (event, args) -> {
        CompletableFuture<Object> stage = new CompletableFuture<>();
        Kind k = Kind.valueOf((String) args[0]);
        new Thread(() -> stage.completeExceptionally(k.error())).start();
        return stage;
      });
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      Codecs.addTo(ipc, BOMB_CODECS);
      for (Kind k : Kind.values()) {
        assertNames(invokeFailure(ipc.invokeWithTimeout(DEADLINE, "later", k.name())), k);
        assertThat(ipc.invokeWithTimeout(DEADLINE, "echo", 1).join()).isEqualTo(1);
      }
      assertDeadlinesStillExpire(host, ipc);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void decodingThatThrowsAnErrorFailsItsCallNotTheMainLoop(HostKind kind) {
    try (IpcHost host = kind.open(IpcHost.builder().codecs(BOMB_CODECS))) {
      handleEcho(host);
      host.ipcMain().on("listened", (event, args) -> event.setReturnValue("decoded"));
      host.ipcMain().handle("handled", (event, args) -> "decoded");
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      Codecs.addTo(ipc, BOMB_CODECS);
      for (Kind k : Kind.values()) {
        Bomb bomb = new Bomb("decode:" + k.name());
        ipc.send("listened", bomb); // fails where nobody answers: only logged
        assertThat(assertThrows(IpcException.class, () -> ipc.sendSyncWithTimeout(DEADLINE, "listened", bomb)))
            .isInstanceOf(IpcInvokeException.class);
        invokeFailure(ipc.invokeWithTimeout(DEADLINE, "handled", bomb));
        assertThat(ipc.invokeWithTimeout(DEADLINE, "echo", k.ordinal()).join()).isEqualTo(k.ordinal());
        assertThat(ipc.sendSyncWithTimeout(DEADLINE, "echo-sync", k.ordinal())).isEqualTo(k.ordinal());
      }
      assertDeadlinesStillExpire(host, ipc);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aResultThatThrowsAnErrorWhenEncodedFailsItsCallWithIt(HostKind kind) {
    try (IpcHost host = kind.open(IpcHost.builder().codecs(BOMB_CODECS))) {
      handleEcho(host);
      host.ipcMain().handle("now", (event, args) -> new Bomb("encode:" + args[0]));
      host.ipcMain().handle("later", (event, args) ->
          CompletableFuture.supplyAsync(() -> new Bomb("encode:" + args[0])));
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      Codecs.addTo(ipc, BOMB_CODECS);
      for (Kind k : Kind.values()) {
        assertNames(invokeFailure(ipc.invokeWithTimeout(DEADLINE, "now", k.name())), k);
        assertNames(invokeFailure(ipc.invokeWithTimeout(DEADLINE, "later", k.name())), k);
        assertThat(ipc.invokeWithTimeout(DEADLINE, "echo", k.ordinal()).join()).isEqualTo(k.ordinal());
      }
      assertDeadlinesStillExpire(host, ipc);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererListenerOrDecodingThrowingAnErrorLeavesTheRendererLoopServing(HostKind kind) {
    try (IpcHost host = kind.open(IpcHost.builder().codecs(BOMB_CODECS))) {
      Renderer renderer = host.openRenderer();
      IpcRenderer ipc = renderer.ipcRenderer();
      Codecs.addTo(ipc, BOMB_CODECS);
      Await.Inbox<Object> pings = new Await.Inbox<>();
      ipc.on("boom", (event, args) -> {
        throw Kind.valueOf((String) args[0]).error();
      });
      ipc.on("bomb", (event, args) -> pings.put("decoded a bomb"));
      ipc.on("ping", (event, args) -> pings.put(args[0]));
      for (Kind k : Kind.values()) {
        renderer.webContents().send("boom", k.name());
        renderer.webContents().send("bomb", new Bomb("decode:" + k.name()));
        renderer.webContents().send("ping", k.ordinal());
        assertThat(pings.take()).isEqualTo(k.ordinal());
      }
      pings.assertEmptyAfter(50);
      assertDeadlinesStillExpire(host, ipc);
    }
  }
}
