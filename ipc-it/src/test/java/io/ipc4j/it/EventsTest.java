package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcRegistration;
import io.ipc4j.Renderer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code @IpcEvents}: the emitter sends, the subscription receives typed values, close() unsubscribes. */
class EventsTest {
  @Test
  void emittedEventsReachTheSubscriberTypedAndStopAfterClose() throws Exception {
    try (IpcHost host = Hosts.open()) {
      Renderer renderer = host.openRenderer();
      BlockingQueue<Object> received = new LinkedBlockingQueue<>();
      IpcRegistration subscription = NotesEventsIpc.subscribe(renderer.ipcRenderer(), new NotesEvents() {
        @Override
        public void changed(Note note) {
          received.add(note);
        }

        @Override
        public void removed(List<Long> ids, String reason) {
          received.add(ids);
          received.add(reason);
        }
      });
      assertThat(renderer.ipcRenderer().listenerCount(NotesEventsIpc.CHANGED)).isEqualTo(1);
      assertThat(renderer.ipcRenderer().listenerCount(NotesEventsIpc.REMOVED)).isEqualTo(1);

      NotesEvents emitter = NotesEventsIpc.emitter(renderer.webContents());
      Note note = new Note(9, "n", List.of(), Instant.EPOCH, Priority.HIGH);
      emitter.changed(note);
      emitter.removed(List.of(1L, Long.MAX_VALUE), "gone");
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(note);
      Object ids = received.poll(5, TimeUnit.SECONDS);
      assertThat(ids).isEqualTo(List.of(1L, Long.MAX_VALUE));
      assertThat(((List<?>) ids).get(0)).isInstanceOf(Long.class);
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("gone");

      subscription.close();
      assertThat(renderer.ipcRenderer().listenerCount(NotesEventsIpc.CHANGED)).isEqualTo(0);
      assertThat(renderer.ipcRenderer().listenerCount(NotesEventsIpc.REMOVED)).isEqualTo(0);
    }
  }
}
