package io.ipc4j.example;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scripted session shows every IPC style, the push and the typed error, with renderers as threads or JVMs. */
class NotesSessionTest {
  @ParameterizedTest(name = "in process: {0}")
  @ValueSource(booleans = {true, false})
  void theSessionShowsEveryIpcStyle(boolean inProcess, @TempDir Path notes) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new NotesApp(new PrintStream(bytes, true, StandardCharsets.UTF_8), inProcess, false, notes).run();
    String transcript = bytes.toString(StandardCharsets.UTF_8);
    assertThat(transcript).contains(inProcess ? "renderers as threads in this JVM" : "renderer JVMs, pids");
    assertThat(transcript).containsMatch("\\[A\\] send +notes:log +\"window A is editing\"");
    assertThat(transcript).containsMatch("\\[A\\] sendSync +notes:settings +-> Settings\\[theme=light");
    assertThat(transcript).containsMatch("\\[A\\] invoke +notes:create +-> Note 1 \"Groceries\"");
    assertThat(transcript).containsMatch("\\[A\\] invoke +notes:rename +-> Note 1 \"Groceries for Sunday\"");
    assertThat(transcript).containsMatch("\\[B\\] push +notes:changed +<- Note 1 \"Groceries for Sunday\" by A");
    assertThat(transcript).containsMatch(
        "\\[B\\] invoke +notes:get\\(42\\) +threw NoteNotFoundException: There is no note 42");
    assertThat(transcript).containsMatch("\\[B\\] invoke +notes:delete\\(1\\) +-> true");
    assertThat(transcript).containsMatch("\\[A\\] push +notes:deleted +<- note 1 by B");
    assertThat(transcript).contains("main: audit log    [A created note 1, A renamed note 1, B deleted note 1]");
    // B follows the audit log as a live stream, and A's selection reaches B on the port they share.
    assertThat(transcript).containsMatch("\\[B\\] stream +notes:auditLog +subscribed");
    int created = transcript.indexOf("notes:auditLog      <- A created note 1");
    int renamed = transcript.indexOf("notes:auditLog      <- A renamed note 1");
    int deleted = transcript.indexOf("notes:auditLog      <- B deleted note 1");
    assertThat(created).isAtLeast(0);
    assertThat(renamed).isGreaterThan(created);
    assertThat(deleted).isGreaterThan(renamed);
    assertThat(transcript).containsMatch("\\[B\\] stream +notes:auditLog +cancelled after 3 entries");
    assertThat(transcript).containsMatch(
        "\\[B\\] port +selection-port +<- A is looking at: Note 1 \"Groceries for Sunday\"");
    // Quitting: B's unsaved draft is kept as a note, A (busy with an export) is closed at the deadline.
    assertThat(transcript).contains("main: window A did not answer within 2 s: closed anyway");
    assertThat(transcript).contains("main: window B has unsaved edits: kept as Note 2 \"Call the plumber\"; closed");
    assertThat(transcript).contains("main: 1 note(s) left on disk; done");
    // The window's turns are sequenced, so B saw A's pushes before acting, and A saw B's delete afterwards.
    assertThat(transcript.indexOf("[B] push")).isGreaterThan(transcript.indexOf("[A] invoke    notes:list"));
    assertThat(transcript.indexOf("[A] push")).isGreaterThan(transcript.indexOf("[B] invoke    notes:delete"));
  }
}
