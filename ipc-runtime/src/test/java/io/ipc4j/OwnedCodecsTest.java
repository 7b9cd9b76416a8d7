package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.spi.Codecs;
import io.ipc4j.spi.Converter;
import io.ipc4j.spi.Converters;
import io.ipc4j.spi.EnumCodec;
import io.ipc4j.spi.RecordCodec;
import io.ipc4j.spi.TypeCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Codecs belong to a side: the host has its own, each renderer its own. A record crosses as itself where both sides
 * have its codec; a side without it receives the map of its components (an enum constant as its name), which typed
 * code converts back; nothing depends on which classes this JVM happens to have loaded.
 */
class OwnedCodecsTest {
  enum Priority { LOW, HIGH }

  record Note(long id, String title, Priority priority) {}

  record Other() {}

  /** As the processor generates it: components convert from whatever the untyped decoder gives. */
  static final EnumCodec<Priority> PRIORITY_CODEC = new EnumCodec<>() {
    @Override
    public Class<Priority> type() {
      return Priority.class;
    }

    @Override
    public String typeName() {
      return "io.ipc4j.OwnedCodecsTest$Priority";
    }

    @Override
    public Priority valueOf(String name) {
      return Priority.valueOf(name);
    }
  };

  static final Converter<Priority> PRIORITY = Converters.enumOf(PRIORITY_CODEC);

  static final RecordCodec<Note> NOTE_CODEC = new RecordCodec<>() {
    @Override
    public Class<Note> type() {
      return Note.class;
    }

    @Override
    public String typeName() {
      return "io.ipc4j.OwnedCodecsTest$Note";
    }

    @Override
    public List<String> componentNames() {
      return List.of("id", "title", "priority");
    }

    @Override
    public Object[] components(Note value) {
      return new Object[] {value.id(), value.title(), value.priority()};
    }

    @Override
    public Note create(Object[] c) {
      return new Note(Converters.toLong(c[0], "component 'id'"), (String) c[1],
          PRIORITY.convert(c[2], "component 'priority'"));
    }
  };

  /** What a generated class lists as its {@code CODECS}. */
  static final List<TypeCodec<?>> CODECS = List.of(NOTE_CODEC, PRIORITY_CODEC);

  static final Converter<Note> NOTE = Converters.record(NOTE_CODEC);

  private static final Note NOTE_7 = new Note(7, "groceries", Priority.HIGH);

  /** A renderer as a typed client makes it: its constructor gives the renderer the codecs. */
  private static IpcRenderer typedClient(IpcHost host) {
    IpcRenderer ipc = host.openRenderer().ipcRenderer();
    Codecs.addTo(ipc, CODECS);
    return ipc;
  }

  /** An untyped handler that hands back what it received, and keeps it for the test. */
  private static Await.Inbox<Object> echoing(IpcHost host) {
    Await.Inbox<Object> received = new Await.Inbox<>();
    host.ipcMain().handle("notes:save", (event, args) -> {
      received.put(args[0]);
      return args[0];
    });
    return received;
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRecordReachesAnUntypedHandlerOfAHostWithoutItsCodecAsTheMapOfItsComponents(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<Object> received = echoing(host);
      Object result = typedClient(host).invoke("notes:save", NOTE_7).join();
      Object arrived = received.take();
      assertThat(arrived).isInstanceOf(LinkedHashMap.class);
      assertThat(((Map<?, ?>) arrived).keySet()).containsExactly("id", "title", "priority").inOrder();
      assertThat(arrived).isEqualTo(Map.of("id", 7, "title", "groceries", "priority", "HIGH"));
      // The host sent a map back: the typed client converts it to its record.
      assertThat(result).isInstanceOf(Map.class);
      assertThat(NOTE.convert(result, "result of notes:save")).isEqualTo(NOTE_7);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void withTheBuildersCodecsTheHandlerReceivesTheRecordAndTheClientGetsItBack(HostKind kind) {
    try (IpcHost host = kind.open(IpcHost.builder().codecs(CODECS))) {
      Await.Inbox<Object> received = echoing(host);
      Object result = typedClient(host).invoke("notes:save", NOTE_7).join();
      assertThat(received.take()).isEqualTo(NOTE_7);
      assertThat(result).isEqualTo(NOTE_7);
      assertThat(NOTE.convert(result, "result of notes:save")).isSameInstanceAs(result);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererIsNotGivenTheHostsCodecsAndReceivesTheirRecordsAsMaps(HostKind kind) {
    try (IpcHost host = kind.open(IpcHost.builder().codecs(CODECS))) {
      host.ipcMain().handle("notes:get", (event, args) -> NOTE_7);
      IpcRenderer untyped = host.openRenderer().ipcRenderer();
      assertThat(untyped.invoke("notes:get").join())
          .isEqualTo(Map.of("id", 7, "title", "groceries", "priority", "HIGH"));
      IpcCloneException refused = assertThrows(IpcCloneException.class, () -> untyped.send("notes:save", NOTE_7));
      assertThat(refused).hasMessageThat().contains("IpcHost.builder().codecs(");
      assertThat(refused).hasMessageThat().contains("Codecs.addTo(ipcRenderer");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void twoHostsInOneJvmDoNotShareCodecs(HostKind kind) {
    try (IpcHost withCodecs = kind.open(IpcHost.builder().codecs(CODECS)); IpcHost without = kind.open()) {
      Await.Inbox<Object> typed = echoing(withCodecs);
      Await.Inbox<Object> untyped = echoing(without);
      typedClient(withCodecs).invoke("notes:save", NOTE_7).join();
      typedClient(without).invoke("notes:save", NOTE_7).join();
      assertThat(typed.take()).isEqualTo(NOTE_7);
      assertThat(untyped.take()).isInstanceOf(Map.class);

      without.ipcMain().handle("notes:get", (event, args) -> NOTE_7);
      CompletionException e = assertThrows(CompletionException.class,
          () -> typedClient(without).invoke("notes:get").join());
      assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
      assertThat(((IpcInvokeException) e.getCause()).remoteType()).isEqualTo(IpcCloneException.class.getName());
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void codecsAddedThroughAWebContentsOrItsScopeAreTheHosts(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<Object> received = echoing(host);
      Renderer first = host.openRenderer();
      Codecs.addTo(first.webContents().ipc(), CODECS);
      IpcRenderer other = typedClient(host);
      other.invoke("notes:save", NOTE_7).join();
      assertThat(received.take()).isEqualTo(NOTE_7);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aBuilderWhoseCodecsConflictFailsToBuild(HostKind kind) {
    RecordCodec<Other> sameNameOtherType = new RecordCodec<>() {
      @Override
      public Class<Other> type() {
        return Other.class;
      }

      @Override
      public String typeName() {
        return NOTE_CODEC.typeName();
      }

      @Override
      public List<String> componentNames() {
        return List.of();
      }

      @Override
      public Object[] components(Other value) {
        return new Object[0];
      }

      @Override
      public Other create(Object[] components) {
        return new Other();
      }
    };
    IpcHost.Builder builder = IpcHost.builder().codecs(CODECS).codecs(List.of(sameNameOtherType));
    assertThat(assertThrows(IllegalStateException.class, () -> kind.open(builder)))
        .hasMessageThat().contains("'io.ipc4j.OwnedCodecsTest$Note'");
  }
}
