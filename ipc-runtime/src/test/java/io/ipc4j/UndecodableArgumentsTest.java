package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.spi.Codecs;
import io.ipc4j.spi.EnumCodec;
import io.ipc4j.spi.RecordCodec;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Arguments that the renderer's codecs encode but the host's cannot decode (the two sides have different versions of
 * a type) fail only their own message, as the host's malformed-value error, the same on either host: an invoke or a
 * sendSync answers with it, a send is logged and dropped; no handler or listener runs, and the renderer keeps being
 * served. In process an invoke's arguments are decoded on the caller's thread, not the main loop's, yet the caller
 * gets exactly what a socket renderer gets.
 */
class UndecodableArgumentsTest {
  private static final String URGENCY_TYPE = "io.ipc4j.UndecodableArgumentsTest$Urgency";
  private static final String RANGE_TYPE = "io.ipc4j.UndecodableArgumentsTest$Range";
  private static final String MALFORMED = "io.ipc4j.internal.codec.MalformedValueException";
  /** What the host says of {@code [Urgency.URGENT]}: it read the constant's name and has no such constant. */
  private static final String NO_URGENT =
      "Malformed IPC value: enum '" + URGENCY_TYPE + "' has no constant 'URGENT' at offset 57";

  /** The renderer's version of the enum. */
  enum Urgency { LOW, HIGH, URGENT }

  /** The host's older version of the same enum (the same type name): it has no {@code URGENT}. */
  enum OldUrgency { LOW, HIGH }

  /** A range; the host's codec refuses one whose ends are the wrong way round, the renderer's does not check. */
  record Range(int from, int to) {}

  static final EnumCodec<Urgency> URGENCY = new EnumCodec<>() {
    @Override
    public Class<Urgency> type() {
      return Urgency.class;
    }

    @Override
    public String typeName() {
      return URGENCY_TYPE;
    }

    @Override
    public Urgency valueOf(String name) {
      return Urgency.valueOf(name);
    }
  };

  static final EnumCodec<OldUrgency> OLD_URGENCY = new EnumCodec<>() {
    @Override
    public Class<OldUrgency> type() {
      return OldUrgency.class;
    }

    @Override
    public String typeName() {
      return URGENCY_TYPE;
    }

    @Override
    public OldUrgency valueOf(String name) {
      return OldUrgency.valueOf(name);
    }
  };

  /** A range's codec; {@code checked}: it refuses a range whose ends are the wrong way round. */
  static RecordCodec<Range> rangeCodec(boolean checked) {
    return new RecordCodec<>() {
      @Override
      public Class<Range> type() {
        return Range.class;
      }

      @Override
      public String typeName() {
        return RANGE_TYPE;
      }

      @Override
      public List<String> componentNames() {
        return List.of("from", "to");
      }

      @Override
      public Object[] components(Range value) {
        return new Object[] {value.from(), value.to()};
      }

      @Override
      public Range create(Object[] c) {
        int from = (Integer) c[0];
        int to = (Integer) c[1];
        if (checked && from > to) {
          throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        return new Range(from, to);
      }
    };
  }

  /** A value whose codec throws, on the host's side only, what its text names. */
  record Token(String text) {}

  /** An Error of the application's own. */
  static final class TokenError extends Error {
    private static final long serialVersionUID = 1L;

    TokenError(String message) {
      super(message);
    }
  }

  /** Throws a checked exception that the signature does not declare, as code in another JVM language may. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException undeclared(Throwable t) throws T {
    throw (T) t;
  }

  /** A token's codec; {@code throwing}: it throws, when it rebuilds a token, what the token's text names. */
  static RecordCodec<Token> tokenCodec(boolean throwing) {
    return new RecordCodec<>() {
      @Override
      public Class<Token> type() {
        return Token.class;
      }

      @Override
      public String typeName() {
        return "io.ipc4j.UndecodableArgumentsTest$Token";
      }

      @Override
      public List<String> componentNames() {
        return List.of("text");
      }

      @Override
      public Object[] components(Token value) {
        return new Object[] {value.text()};
      }

      @Override
      public Token create(Object[] c) {
        String text = (String) c[0];
        if (throwing && text.equals("error")) {
          throw new TokenError("no token today");
        }
        if (throwing && text.equals("checked")) {
          throw UndecodableArgumentsTest.<RuntimeException>undeclared(new java.io.IOException("no disk"));
        }
        return new Token(text);
      }
    };
  }

  /** A host with the old enum and the checking range and throwing token codecs. */
  private static IpcHost openHost(HostKind kind) {
    return kind.open(IpcHost.builder().codecs(List.of(OLD_URGENCY, rangeCodec(true), tokenCodec(true))));
  }

  /** A renderer of the host with the new enum and the unchecked range and plain token codecs. */
  private static IpcRenderer newerRenderer(IpcHost host) {
    IpcRenderer ipc = host.openRenderer().ipcRenderer();
    Codecs.addTo(ipc, List.of(URGENCY, rangeCodec(false), tokenCodec(false)));
    return ipc;
  }

  private static IpcInvokeException invokeFailure(IpcRenderer ipc, String channel, Object arg) {
    CompletionException e = assertThrows(CompletionException.class, () -> ipc.invoke(channel, arg).join());
    assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
    return (IpcInvokeException) e.getCause();
  }

  private static void assertNoUrgent(IpcInvokeException e, String channel) {
    assertThat(e.channel()).isEqualTo(channel);
    assertThat(e.remoteType()).isEqualTo(MALFORMED);
    assertThat(e.remoteMessage()).isEqualTo(NO_URGENT);
    assertThat(e).hasMessageThat()
        .isEqualTo("Error invoking remote method '" + channel + "': " + MALFORMED + ": " + NO_URGENT);
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anInvokeWhoseArgumentsTheHostCannotDecodeFailsWithTheMalformedValueAndItsHandlerDoesNotRun(HostKind kind) {
    try (IpcHost host = openHost(kind)) {
      Await.Inbox<Object> handled = new Await.Inbox<>();
      host.ipcMain().handle("urgency:set", (event, args) -> {
        handled.put(args[0]);
        return args[0];
      });
      IpcRenderer ipc = newerRenderer(host);

      assertNoUrgent(invokeFailure(ipc, "urgency:set", Urgency.URGENT), "urgency:set");

      // The same renderer is still served; the handler's first run is this call's (calls are handled in order).
      assertThat(ipc.invoke("urgency:set", Urgency.HIGH).join()).isEqualTo(Urgency.HIGH);
      assertThat(handled.take()).isEqualTo(OldUrgency.HIGH);
      handled.assertEmptyAfter(50);
      assertThat(newerRenderer(host).invoke("urgency:set", Urgency.LOW).join()).isEqualTo(Urgency.LOW);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aCallFromTheMainProcessThatTheRendererCannotDecodeFailsTheSameWayAndItsHandlerDoesNotRun(HostKind kind) {
    // The other way round: the host has the new enum, the renderer the old. In process the main process's calling
    // thread copies the arguments for the renderer, yet the caller gets what a socket renderer answers.
    try (IpcHost host = kind.open(IpcHost.builder().codecs(List.of(URGENCY)))) {
      Renderer renderer = host.openRenderer();
      Codecs.addTo(renderer.ipcRenderer(), List.of(OLD_URGENCY));
      Await.Inbox<Object> handled = new Await.Inbox<>();
      renderer.ipcRenderer().handle("urgency:set", (event, args) -> {
        handled.put(args[0]);
        return args[0];
      });
      CompletionException e = assertThrows(CompletionException.class,
          () -> renderer.webContents().invoke("urgency:set", Urgency.URGENT).join());
      assertNoUrgent((IpcInvokeException) e.getCause(), "urgency:set");

      assertThat(renderer.webContents().invoke("urgency:set", Urgency.HIGH).join()).isEqualTo(Urgency.HIGH);
      assertThat(handled.take()).isEqualTo(OldUrgency.HIGH);
      handled.assertEmptyAfter(50);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anAnswerTheMainProcessCannotDecodeFailsItsCallerTheSameWayOnEitherHost(HostKind kind) {
    try (IpcHost host = openHost(kind)) {
      Renderer renderer = host.openRenderer();
      Codecs.addTo(renderer.ipcRenderer(), List.of(URGENCY));
      renderer.ipcRenderer().handle("urgency:get", (event, args) -> Urgency.valueOf((String) args[0]));
      CompletionException e = assertThrows(CompletionException.class,
          () -> renderer.webContents().invoke("urgency:get", "URGENT").join());
      assertThat(e).hasCauseThat().isInstanceOf(io.ipc4j.internal.codec.MalformedValueException.class);
      assertThat(e).hasCauseThat().hasMessageThat()
          .isEqualTo("Malformed IPC value: enum '" + URGENCY_TYPE + "' has no constant 'URGENT' at offset 56");
      assertThat(renderer.webContents().invoke("urgency:get", "HIGH").join()).isEqualTo(OldUrgency.HIGH);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRecordTheHostsCodecRefusesFailsTheInvokeWithTheHostsReason(HostKind kind) {
    try (IpcHost host = openHost(kind)) {
      Await.Inbox<Object> handled = new Await.Inbox<>();
      host.ipcMain().handle("range:set", (event, args) -> {
        handled.put(args[0]);
        return "set";
      });
      IpcRenderer ipc = newerRenderer(host);

      IpcInvokeException e = invokeFailure(ipc, "range:set", new Range(5, 1));

      assertThat(e.remoteType()).isEqualTo(MALFORMED);
      assertThat(e.remoteMessage()).startsWith("Malformed IPC value: record '" + RANGE_TYPE
          + "' refused its components (java.lang.IllegalArgumentException: from 5 is after to 1) at offset ");
      assertThat(ipc.invoke("range:set", new Range(1, 5)).join()).isEqualTo("set");
      assertThat(handled.take()).isEqualTo(new Range(1, 5));
      handled.assertEmptyAfter(50);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void whatTheHostsCodecThrowsOtherThanARefusalFailsTheInvokeAsItselfOnEitherHost(HostKind kind) {
    try (IpcHost host = openHost(kind)) {
      Await.Inbox<Object> handled = new Await.Inbox<>();
      host.ipcMain().handle("token:use", (event, args) -> {
        handled.put(args[0]);
        return "used";
      });
      IpcRenderer ipc = newerRenderer(host);

      IpcInvokeException error = invokeFailure(ipc, "token:use", new Token("error"));
      assertThat(error.remoteType()).isEqualTo(TokenError.class.getName());
      assertThat(error.remoteMessage()).isEqualTo("no token today");
      // A checked exception the codec did not declare is still the failure, not a wrapper of it.
      IpcInvokeException checked = invokeFailure(ipc, "token:use", new Token("checked"));
      assertThat(checked.remoteType()).isEqualTo("java.io.IOException");
      assertThat(checked.remoteMessage()).isEqualTo("no disk");

      assertThat(ipc.invoke("token:use", new Token("fine")).join()).isEqualTo("used");
      assertThat(handled.take()).isEqualTo(new Token("fine"));
      handled.assertEmptyAfter(50);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aCallOrStreamWhoseArgumentsCannotBeDecodedLeavesAHandleOnceInPlaceEitherWay(HostKind kind) {
    try (IpcHost host = openHost(kind)) {
      host.ipcMain().handleOnce("urgency:set", (event, args) -> args[0]);
      host.ipcMain().handleOnce("urgency:stream", (event, args) -> new CountingPublisher(1));
      IpcRenderer ipc = newerRenderer(host);
      assertNoUrgent(invokeFailure(ipc, "urgency:set", Urgency.URGENT), "urgency:set");
      assertThat(ipc.invoke("urgency:set", Urgency.HIGH).join()).isEqualTo(Urgency.HIGH);
      StreamProbe refused = StreamProbe.all();
      ipc.stream("urgency:stream", Urgency.URGENT).subscribe(refused);
      assertThat(refused.failure()).hasMessageThat().contains(NO_URGENT);
      StreamProbe served = StreamProbe.all();
      ipc.stream("urgency:stream", Urgency.HIGH).subscribe(served);
      served.awaitComplete();
    }
    try (IpcHost host = kind.open(IpcHost.builder().codecs(List.of(URGENCY)))) { // the main process calls
      Renderer renderer = host.openRenderer();
      Codecs.addTo(renderer.ipcRenderer(), List.of(OLD_URGENCY));
      renderer.ipcRenderer().handleOnce("urgency:set", (event, args) -> args[0]);
      renderer.ipcRenderer().handleOnce("urgency:stream", (event, args) -> new CountingPublisher(1));
      CompletionException e = assertThrows(CompletionException.class,
          () -> renderer.webContents().invoke("urgency:set", Urgency.URGENT).join());
      assertNoUrgent((IpcInvokeException) e.getCause(), "urgency:set");
      assertThat(renderer.webContents().invoke("urgency:set", Urgency.HIGH).join()).isEqualTo(Urgency.HIGH);
      StreamProbe refused = StreamProbe.all();
      renderer.webContents().stream("urgency:stream", Urgency.URGENT).subscribe(refused);
      assertThat(refused.failure()).hasMessageThat().contains(NO_URGENT);
      StreamProbe served = StreamProbe.all();
      renderer.webContents().stream("urgency:stream", Urgency.HIGH).subscribe(served);
      served.awaitComplete();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anInterceptedInvokeWhoseArgumentsTheHostCannotDecodeFailsTheSameWayBeforeAnyInterceptorRuns(HostKind kind) {
    Await.Inbox<Object> intercepted = new Await.Inbox<>();
    IpcHost.Builder builder = IpcHost.builder().codecs(List.of(OLD_URGENCY, rangeCodec(true)))
        .interceptor(incoming -> {
          intercepted.put(incoming.args().get(0));
          return null;
        });
    try (IpcHost host = kind.open(builder)) {
      Await.Inbox<Object> handled = new Await.Inbox<>();
      host.ipcMain().handleOnce("urgency:set", (event, args) -> {
        handled.put(args[0]);
        return args[0];
      });
      IpcRenderer ipc = newerRenderer(host);

      assertNoUrgent(invokeFailure(ipc, "urgency:set", Urgency.URGENT), "urgency:set");

      // The handleOnce is still in place: the undecodable call did not take it.
      assertThat(ipc.invoke("urgency:set", Urgency.HIGH).join()).isEqualTo(Urgency.HIGH);
      assertThat(intercepted.take()).isEqualTo(OldUrgency.HIGH);
      assertThat(handled.take()).isEqualTo(OldUrgency.HIGH);
      intercepted.assertEmptyAfter(50);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aSendSyncWhoseArgumentsTheHostCannotDecodeThrowsTheMalformedValueAndItsListenerDoesNotRun(HostKind kind) {
    try (LogCapture quiet = new LogCapture().quiet(); IpcHost host = openHost(kind)) { // the host logs the failure
      Await.Inbox<Object> heard = new Await.Inbox<>();
      host.ipcMain().on("urgency:get", (event, args) -> {
        heard.put(args[0]);
        event.setReturnValue(args[0]);
      });
      IpcRenderer ipc = newerRenderer(host);

      assertNoUrgent(assertThrows(IpcInvokeException.class, () -> ipc.sendSync("urgency:get", Urgency.URGENT)),
          "urgency:get");

      assertThat(ipc.sendSync("urgency:get", Urgency.HIGH)).isEqualTo(Urgency.HIGH);
      assertThat(heard.take()).isEqualTo(OldUrgency.HIGH);
      heard.assertEmptyAfter(50);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aSendWhoseArgumentsTheHostCannotDecodeIsLoggedAndDroppedAndItsListenerDoesNotRun(HostKind kind) {
    try (LogCapture log = new LogCapture().quiet(); IpcHost host = openHost(kind)) {
      Await.Inbox<Object> heard = new Await.Inbox<>();
      host.ipcMain().on("urgency:changed", (event, args) -> heard.put(args[0]));
      IpcRenderer ipc = newerRenderer(host);

      ipc.send("urgency:changed", Urgency.URGENT);
      ipc.send("urgency:changed", Urgency.HIGH);

      assertThat(heard.take()).isEqualTo(OldUrgency.HIGH); // sends are handled in order: URGENT never reached it
      heard.assertEmptyAfter(50);
      List<LogRecord> reports = log.matching(r -> r.getThrown() != null
          && String.valueOf(r.getMessage()).startsWith("ipc4j: a message on 'urgency:changed' from "));
      assertThat(reports).hasSize(1);
      LogRecord report = reports.get(0);
      assertThat(report.getLevel()).isEqualTo(Level.SEVERE);
      assertThat(report.getMessage()).endsWith(" could not be decoded");
      assertThat(report.getThrown().getClass().getName()).isEqualTo(MALFORMED);
      assertThat(report.getThrown()).hasMessageThat().isEqualTo(NO_URGENT);
    }
  }
}
