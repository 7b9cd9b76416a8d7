package io.ipc4j.example;

import java.time.Instant;

/**
 * One line of the main process's audit log: who changed which note, how and when.
 *
 * @param who the window that made the change
 * @param what what it did: {@code created}, {@code renamed} or {@code deleted}
 * @param noteId the note's id
 * @param time when the main process recorded it
 */
public record AuditEntry(String who, String what, long noteId, Instant time) {
  /** One line for transcripts: {@code A created note 1}. */
  String describe() {
    return who + " " + what + " note " + noteId;
  }
}
