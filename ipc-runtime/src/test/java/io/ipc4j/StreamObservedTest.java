package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streams are observed as calls are: interceptors see a renderer's stream opening as an invoke (with its sender and
 * arguments) and may reject it, and the main process records one {@code io.ipc4j.Stream} Flight Recorder event per
 * stream, either way, with its items, bytes, duration and outcome.
 */
class StreamObservedTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void interceptorsSeeAStreamOpeningAsAnInvokeAndMayRejectIt(HostKind kind) {
    List<String> seen = new CopyOnWriteArrayList<>();
    Await.Inbox<String> completions = new Await.Inbox<>();
    IpcInterceptor interceptor = m -> {
      seen.add(m.kind() + " " + m.channel() + " " + m.args() + " from " + m.sender().id() + "/" + m.frameId());
      if (m.channel().equals("secret")) {
        throw new SecurityException("not for you");
      }
      return (took, failure) -> completions.put(m.channel() + " " + (failure == null ? "ok" : failure));
    };
    try (IpcHost host = kind.open(IpcHost.builder().interceptor(interceptor))) {
      Renderer r = host.openRenderer();
      List<String> ran = new CopyOnWriteArrayList<>();
      host.ipcMain().handle("count", (event, args) -> new CountingPublisher((Integer) args[0]));
      host.ipcMain().handle("secret", (event, args) -> {
        ran.add("secret");
        return new CountingPublisher(1);
      });
      StreamProbe counted = StreamProbe.all();
      r.ipcRenderer().stream("count", 2).subscribe(counted);
      counted.awaitComplete();
      assertThat(completions.take()).isEqualTo("count ok"); // the completion runs when the stream ends
      StreamProbe secret = StreamProbe.all();
      r.ipcRenderer().stream("secret").subscribe(secret);
      assertThat(secret.failure()).hasMessageThat()
          .isEqualTo("Error invoking remote method 'secret': java.lang.SecurityException: not for you");
      int id = r.webContents().id();
      assertThat(seen).containsExactly("INVOKE count [2] from " + id + "/1", "INVOKE secret [] from " + id + "/1")
          .inOrder();
      assertThat(ran).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void eachStreamIsOneFlightRecorderEventWithItsItemsBytesAndOutcome(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      host.ipcMain().handle("count", (event, args) -> new CountingPublisher(3));
      r.ipcRenderer().handle("count", (event, args) -> new CountingPublisher(4));
      CountingPublisher endless = CountingPublisher.endless();
      host.ipcMain().handle("endless", (event, args) -> endless);
      Path file = dir.resolve("streams.jfr");
      try (Recording recording = Recordings.fresh()) {
        recording.enable("io.ipc4j.Stream").withoutThreshold();
        recording.start();
        StreamProbe fromMain = StreamProbe.all();
        r.ipcRenderer().stream("count").subscribe(fromMain);
        fromMain.awaitComplete();
        StreamProbe fromRenderer = StreamProbe.all();
        r.webContents().stream("count").subscribe(fromRenderer);
        fromRenderer.awaitComplete();
        StreamProbe cancelled = new StreamProbe(2, false);
        r.ipcRenderer().stream("endless").subscribe(cancelled);
        cancelled.items.take();
        cancelled.items.take();
        cancelled.subscription().cancel();
        assertThat(endless.awaitCancel()).isTrue();
        recording.stop();
        recording.dump(file);
      }
      List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().equals("io.ipc4j.Stream"))
          .sorted(Comparator.comparing(RecordedEvent::getStartTime)).collect(Collectors.toList());
      assertThat(events).hasSize(3);
      RecordedEvent toMain = events.get(0);
      assertThat(toMain.getString("channel")).isEqualTo("count");
      assertThat(toMain.getString("direction")).isEqualTo("renderer-to-main");
      assertThat(toMain.getInt("rendererId")).isEqualTo(r.webContents().id());
      assertThat(toMain.getLong("items")).isEqualTo(3);
      assertThat(toMain.getLong("bytes")).isAtLeast(3L);
      assertThat(toMain.getString("outcome")).isEqualTo("ok");
      assertThat(toMain.getDuration()).isAtLeast(Duration.ZERO);
      RecordedEvent toRenderer = events.get(1);
      assertThat(toRenderer.getString("direction")).isEqualTo("main-to-renderer");
      assertThat(toRenderer.getLong("items")).isEqualTo(4);
      assertThat(toRenderer.getString("outcome")).isEqualTo("ok");
      RecordedEvent cancelledEvent = events.get(2);
      assertThat(cancelledEvent.getString("channel")).isEqualTo("endless");
      assertThat(cancelledEvent.getLong("items")).isEqualTo(2);
      assertThat(cancelledEvent.getString("outcome")).isEqualTo("cancelled");
    }
  }
}
