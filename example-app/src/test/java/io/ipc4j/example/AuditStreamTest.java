package io.ipc4j.example;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.WebContents;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window B follows the main process's audit log as a typed stream ({@link NotesApi#auditLog()}): it sees the
 * entries window A's edits make, live and in order; cancelling ends the stream in the main process. Each case runs
 * with renderers as threads and as child JVMs.
 */
class AuditStreamTest {
  private static final String STREAM = "\\[B\\] stream +notes:auditLog +";

  private final CapturedTranscript transcript = new CapturedTranscript();
  private NotesApp app;

  private NotesApp start(boolean inProcess, Path notes) throws Exception {
    app = new NotesApp(transcript.out(), inProcess, false, notes);
    app.start();
    return app;
  }

  @AfterEach
  void close() throws InterruptedException {
    if (app != null) {
      app.close();
    }
  }

  private WebContents a() {
    return app.windows().get(0);
  }

  private WebContents b() {
    return app.windows().get(1);
  }

  @ParameterizedTest(name = "in process: {0}")
  @ValueSource(booleans = {true, false})
  void aWindowSeesTheEntriesOfAnotherWindowsEditsInOrder(boolean inProcess, @TempDir Path notes) throws Exception {
    start(inProcess, notes);
    app.turn(b(), "follow");
    app.turn(a(), "edit");
    String text = transcript.awaitLine(STREAM + "<- A renamed note 1 .*");
    int created = text.indexOf("[B] stream    notes:auditLog      <- A created note 1");
    assertThat(created).isAtLeast(0);
    assertThat(text.indexOf("<- A renamed note 1")).isGreaterThan(created);
    // B's own delete is in the log as well, after A's edits.
    app.turn(b(), "review");
    app.turn(b(), "unfollow");
    text = transcript.awaitLine(STREAM + "cancelled after 3 entries");
    assertThat(text.indexOf("<- B deleted note 1")).isGreaterThan(text.indexOf("<- A renamed note 1"));
  }

  @ParameterizedTest(name = "in process: {0}")
  @ValueSource(booleans = {true, false})
  void aLateFollowerGetsTheLogSoFarFirst(boolean inProcess, @TempDir Path notes) throws Exception {
    start(inProcess, notes);
    app.turn(a(), "edit");
    app.turn(b(), "follow");
    String text = transcript.awaitLine(STREAM + "<- A renamed note 1 .*");
    assertThat(text.indexOf("<- A renamed note 1")).isGreaterThan(text.indexOf("<- A created note 1"));
  }

  @ParameterizedTest(name = "in process: {0}")
  @ValueSource(booleans = {true, false})
  void cancellingTheStreamStopsTheProducerInTheMainProcess(boolean inProcess, @TempDir Path notes)
      throws Exception {
    start(inProcess, notes);
    app.turn(b(), "follow");
    awaitFollowers(1);
    app.turn(b(), "unfollow");
    transcript.awaitLine(STREAM + "cancelled after 0 entries");
    awaitFollowers(0);
    app.turn(a(), "edit");
    // A turn runs after whatever B's loop had queued before it: an entry sent to B would be in the transcript now.
    app.turn(b(), "catch-up");
    assertThat(transcript.text()).doesNotContainMatch(STREAM + "<-");
    assertThat(app.service().audit()).containsExactly("A created note 1", "A renamed note 1").inOrder();
  }

  private void awaitFollowers(int expected) throws InterruptedException {
    Instant until = Instant.now().plus(CapturedTranscript.WAIT);
    while (app.service().auditFollowers() != expected) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError("the audit log has " + app.service().auditFollowers() + " followers, not "
            + expected);
      }
      Thread.sleep(20);
    }
  }
}
