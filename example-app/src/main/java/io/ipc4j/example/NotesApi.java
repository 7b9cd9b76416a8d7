package io.ipc4j.example;

import io.ipc4j.annotations.IpcChannel;
import io.ipc4j.annotations.Send;
import io.ipc4j.annotations.SendSync;
import io.ipc4j.annotations.Timeout;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** What a notes window may ask of the main process, which owns the notes. */
@IpcChannel("notes")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
public interface NotesApi {
  /**
   * Every note, by id.
   *
   * @return the notes
   */
  List<Note> list();

  /**
   * One note.
   *
   * @param id its id
   * @return the note
   * @throws NoteNotFoundException if there is none
   */
  Note get(long id) throws NoteNotFoundException;

  /**
   * Creates a note (asynchronously: the main process writes it to disk off its event loop).
   *
   * @param title its title
   * @param body its text
   * @return the new note, later
   */
  CompletableFuture<Note> create(String title, String body);

  /**
   * Renames a note.
   *
   * @param id its id
   * @param title the new title
   * @return the renamed note
   * @throws NoteNotFoundException if there is none
   */
  Note rename(long id, String title) throws NoteNotFoundException;

  /**
   * Deletes a note.
   *
   * @param id its id
   * @return true if it existed, later
   */
  CompletableFuture<Boolean> delete(long id);

  /**
   * Records an activity in the main process's log, without waiting.
   *
   * @param activity what happened
   */
  @Send
  void log(String activity);

  /**
   * The settings, synchronously (a window needs them before it can draw).
   *
   * @return the settings
   */
  @SendSync
  Settings settings();

  /**
   * The audit log as a live stream: every entry so far, then each new one as it is made, for as long as the
   * subscriber stays. Entries come only as the subscriber requests them; cancelling ends the stream in the main
   * process too.
   *
   * @return the entries, oldest first
   */
  Flow.Publisher<AuditEntry> auditLog();
}
