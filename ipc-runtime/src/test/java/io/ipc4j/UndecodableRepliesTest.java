package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.UndecodableArgumentsTest.OldUrgency;
import io.ipc4j.UndecodableArgumentsTest.Range;
import io.ipc4j.UndecodableArgumentsTest.Token;
import io.ipc4j.UndecodableArgumentsTest.TokenError;
import io.ipc4j.UndecodableArgumentsTest.Urgency;
import io.ipc4j.spi.Codecs;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An answer that the host's codecs encode but the renderer's cannot decode (the two sides have different versions
 * of a type) fails only its own call, with what the renderer's decoding threw, the same on either host; the renderer
 * keeps being served. In process an answer is copied for the renderer on the main loop rather than encoded, yet the
 * caller gets exactly what a socket renderer gets.
 */
class UndecodableRepliesTest {
  private static final String MALFORMED = "io.ipc4j.internal.codec.MalformedValueException";

  /** A host with the newer enum, the unchecked range and the plain token codecs, answering with what it is given. */
  private static IpcHost openHost(HostKind kind) {
    IpcHost host = kind.open(IpcHost.builder().codecs(List.of(UndecodableArgumentsTest.URGENCY,
        UndecodableArgumentsTest.rangeCodec(false), UndecodableArgumentsTest.tokenCodec(false))));
    host.ipcMain().handle("urgency:get", (event, args) -> Urgency.valueOf((String) args[0]));
    host.ipcMain().handle("range:get", (event, args) -> new Range((Integer) args[0], (Integer) args[1]));
    host.ipcMain().handle("token:get", (event, args) -> new Token((String) args[0]));
    return host;
  }

  /** A renderer with the older enum and the checking range and throwing token codecs. */
  private static IpcRenderer olderRenderer(IpcHost host) {
    IpcRenderer ipc = host.openRenderer().ipcRenderer();
    Codecs.addTo(ipc, List.of(UndecodableArgumentsTest.OLD_URGENCY, UndecodableArgumentsTest.rangeCodec(true),
        UndecodableArgumentsTest.tokenCodec(true)));
    return ipc;
  }

  private static Throwable joinFailure(IpcRenderer ipc, String channel, Object... args) {
    CompletionException e = assertThrows(CompletionException.class, () -> ipc.invoke(channel, args).join());
    return e.getCause();
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anAnswerWhoseEnumConstantTheRendererLacksFailsTheCallWithTheMalformedValue(HostKind kind) {
    try (IpcHost host = openHost(kind)) {
      IpcRenderer ipc = olderRenderer(host);

      Throwable failure = joinFailure(ipc, "urgency:get", "URGENT");

      assertThat(failure.getClass().getName()).isEqualTo(MALFORMED);
      assertThat(failure).hasMessageThat().startsWith("Malformed IPC value: enum '"
          + "io.ipc4j.UndecodableArgumentsTest$Urgency' has no constant 'URGENT' at offset ");
      assertThat(ipc.invoke("urgency:get", "HIGH").join()).isEqualTo(OldUrgency.HIGH);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRecordTheRenderersCodecRefusesFailsTheCallWithTheRenderersReason(HostKind kind) {
    try (IpcHost host = openHost(kind)) {
      IpcRenderer ipc = olderRenderer(host);

      Throwable failure = joinFailure(ipc, "range:get", 5, 1);

      assertThat(failure.getClass().getName()).isEqualTo(MALFORMED);
      assertThat(failure).hasMessageThat().contains("refused its components (java.lang.IllegalArgumentException: "
          + "from 5 is after to 1)");
      assertThat(ipc.invoke("range:get", 1, 5).join()).isEqualTo(new Range(1, 5));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anErrorOrUndeclaredCheckedExceptionFromTheRenderersCodecFailsTheCallAsItself(HostKind kind) throws Exception {
    try (IpcHost host = openHost(kind)) {
      IpcRenderer ipc = olderRenderer(host);

      assertThat(joinFailure(ipc, "token:get", "error")).isInstanceOf(TokenError.class);
      ExecutionException checked = assertThrows(ExecutionException.class,
          () -> ipc.invoke("token:get", "checked").get(10, TimeUnit.SECONDS));
      assertThat(checked).hasCauseThat().isInstanceOf(java.io.IOException.class);
      assertThat(checked).hasCauseThat().hasMessageThat().isEqualTo("no disk");
      assertThat(ipc.invoke("token:get", "fine").join()).isEqualTo(new Token("fine"));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aCallerBlockedInSendSyncGetsTheSameFailureAsAnInvoke(HostKind kind) {
    try (IpcHost host = openHost(kind)) {
      host.ipcMain().on("urgency:sync", (event, args) -> event.setReturnValue(Urgency.URGENT));
      IpcRenderer ipc = olderRenderer(host);

      RuntimeException failure = assertThrows(RuntimeException.class, () -> ipc.sendSync("urgency:sync"));

      assertThat(failure.getClass().getName()).isEqualTo(MALFORMED);
      assertThat(ipc.invoke("urgency:get", "LOW").join()).isEqualTo(OldUrgency.LOW);
    }
  }
}
