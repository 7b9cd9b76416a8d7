package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DESIGN §12: {@code io.ipc4j.PortMessage}, one event per port message that crosses the host, each way. */
class MessagePortFlightEventsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aMessageRelayedBetweenRenderersIsRecordedOnTheWayInAndOnTheWayOut(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Renderer left = host.openRenderer();
      Renderer right = host.openRenderer();
      CompletableFuture<MessagePort> leftPort = new CompletableFuture<>();
      CompletableFuture<Object> rightGot = new CompletableFuture<>();
      left.ipcRenderer().on("port", (event, args) -> leftPort.complete(event.ports().get(0)));
      right.ipcRenderer().on("port", (event, args) -> {
        MessagePort port = event.ports().get(0);
        port.onMessage(message -> rightGot.complete(message.data()));
        port.start();
      });
      MessageChannelMain channel = new MessageChannelMain();
      left.webContents().postMessage("port", null, List.of(channel.port1()));
      right.webContents().postMessage("port", null, List.of(channel.port2()));
      MessagePort port = leftPort.get(Await.SECONDS, TimeUnit.SECONDS);

      Path file = dir.resolve("ports.jfr");
      try (Recording recording = Recordings.fresh()) {
        recording.enable("io.ipc4j.PortMessage");
        recording.start();
        port.postMessage(new byte[300]);
        assertThat(rightGot.get(Await.SECONDS, TimeUnit.SECONDS)).isInstanceOf(byte[].class);
        recording.stop();
        recording.dump(file);
      }
      List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().equals("io.ipc4j.PortMessage")).collect(Collectors.toList());
      assertThat(events).hasSize(2);
      RecordedEvent in = events.stream().filter(e -> e.getString("direction").equals("renderer-to-main"))
          .findFirst().orElseThrow();
      RecordedEvent out = events.stream().filter(e -> e.getString("direction").equals("main-to-renderer"))
          .findFirst().orElseThrow();
      assertThat(in.getInt("rendererId")).isEqualTo(left.webContents().id());
      assertThat(out.getInt("rendererId")).isEqualTo(right.webContents().id());
      assertThat(in.getLong("bytes")).isAtLeast(300L);
      assertThat(out.getLong("bytes")).isEqualTo(in.getLong("bytes"));
      assertThat(in.getLong("portId")).isNotEqualTo(out.getLong("portId")); // posted on one end, delivered to the other
    }
  }
}
