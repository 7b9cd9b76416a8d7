package io.ipc4j.example;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Windows A and B share a MessagePort that the main process made and handed out: what A selects reaches B with no
 * handler in the main process, and A closing fires B's {@code onClose}. Each case runs with renderers as threads and
 * as child JVMs.
 */
class SharedSelectionTest {
  private static final String PORT_AT_B = "\\[B\\] port +selection-port +";

  private final CapturedTranscript transcript = new CapturedTranscript();
  private NotesApp app;

  @AfterEach
  void close() throws InterruptedException {
    if (app != null) {
      app.close();
    }
  }

  private void start(boolean inProcess, Path notes) throws Exception {
    app = new NotesApp(transcript.out(), inProcess, false, notes);
    app.start();
  }

  @ParameterizedTest(name = "in process: {0}")
  @ValueSource(booleans = {true, false})
  void whatOneWindowSelectsReachesTheOtherWithoutAMainProcessHandler(boolean inProcess, @TempDir Path notes)
      throws Exception {
    start(inProcess, notes);
    app.turn(app.windows().get(0), "edit");
    String text = transcript.awaitLine(PORT_AT_B + "<- A is looking at: Note 1 \"Groceries for Sunday\"");
    assertThat(text).containsMatch("\\[A\\] port +selection-port +-> Note 1 \"Groceries for Sunday\"");
    // The main process registered nothing on the port's channel: the hand-over is its only use of it.
    assertThat(text).contains("main: windows A and B share a MessagePort (selection-port)");
  }

  @ParameterizedTest(name = "in process: {0}")
  @ValueSource(booleans = {true, false})
  void closingOneWindowFiresTheOtherWindowsOnClose(boolean inProcess, @TempDir Path notes) throws Exception {
    start(inProcess, notes);
    app.turn(app.windows().get(0), "edit"); // A has used its port, so B's end is started and connected
    transcript.awaitLine(PORT_AT_B + "<- A is looking at: .*");
    app.windows().get(0).close();
    transcript.awaitLine(PORT_AT_B + "<- A closed");
    // B goes on: a turn is a round trip through B's loop after it learnt that A closed.
    app.turn(app.windows().get(1), "catch-up");
    assertThat(app.windows().get(1).isDestroyed()).isFalse();
  }
}
