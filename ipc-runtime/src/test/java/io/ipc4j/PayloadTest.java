package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payloads around buffer thresholds round-trip unchanged through invoke, sendSync and send + reply (Electron's
 * "payloads across the shared-memory threshold" cases).
 */
class PayloadTest {
  private static final int[] SIZES = {0, 1, 65535, 65536, 65537, 262147, 3 * 1024 * 1024 + 1};

  private static final Map<HostKind, IpcHost> HOSTS = new LinkedHashMap<>();
  private static final Map<HostKind, Renderer> RENDERERS = new LinkedHashMap<>();

  @BeforeAll
  static void open() {
    for (HostKind kind : HostKind.values()) {
      IpcHost host = kind.open();
      host.ipcMain().handle("echo-large", (event, args) -> args[0]);
      host.ipcMain().on("echo-large-sync", (event, args) -> event.setReturnValue(args[0]));
      host.ipcMain().on("echo-large-send", (event, args) -> event.sender().send("echo-large-reply", args[0]));
      HOSTS.put(kind, host);
      RENDERERS.put(kind, host.openRenderer());
    }
  }

  @AfterAll
  static void close() {
    HOSTS.values().forEach(IpcHost::close);
  }

  static Stream<Arguments> samples() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (HostKind kind : HostKind.values()) {
      for (int n : SIZES) {
        String text = "<" + "x".repeat(n) + ">";
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
          bytes[i] = (byte) ((i * 7) & 255);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("n", n);
        meta.put("list", List.of(1, "two", Map.of("three", true)));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("text", text);
        nested.put("bytes", bytes);
        nested.put("meta", meta);
        all.add(Arguments.of(kind, n, "string", text));
        all.add(Arguments.of(kind, n, "bytes", bytes));
        all.add(Arguments.of(kind, n, "nested", nested));
      }
    }
    return all.build();
  }

  @ParameterizedTest(name = "{0} {2} of {1}")
  @MethodSource("samples")
  void roundTripsThroughInvokeSendSyncAndReply(HostKind kind, int n, String shape, Object sample) {
    IpcRenderer ipc = RENDERERS.get(kind).ipcRenderer();
    assertSame(sample, ipc.invoke("echo-large", sample).join());
    assertSame(sample, ipc.sendSync("echo-large-sync", sample));
    Await.Inbox<Object> reply = new Await.Inbox<>();
    IpcRegistration listening = ipc.once("echo-large-reply", (event, args) -> reply.put(args[0]));
    try {
      ipc.send("echo-large-send", sample);
      assertSame(sample, reply.take());
    } finally {
      listening.close();
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertSame(Object expected, Object actual) {
    if (expected instanceof byte[] bytes) {
      assertThat(actual).isInstanceOf(byte[].class);
      assertThat((byte[]) actual).isEqualTo(bytes);
    } else if (expected instanceof Map<?, ?> map) {
      Map<String, Object> got = (Map<String, Object>) actual;
      assertThat(got.keySet()).containsExactlyElementsIn(map.keySet()).inOrder();
      assertThat(got.get("text")).isEqualTo(map.get("text"));
      assertThat((byte[]) got.get("bytes")).isEqualTo((byte[]) map.get("bytes"));
      assertThat(got.get("meta")).isEqualTo(map.get("meta"));
    } else {
      assertThat(actual).isEqualTo(expected);
    }
  }
}
