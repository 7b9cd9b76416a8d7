package io.ipc4j.example;

import java.time.Instant;

/**
 * A note as the main process stores it.
 *
 * @param id the note's id, assigned by the main process
 * @param title its title
 * @param body its text
 * @param updated when it last changed
 * @param updatedBy the window that last changed it
 */
public record Note(long id, String title, String body, Instant updated, String updatedBy) {
  /** One line for transcripts. */
  String describe() {
    return "Note " + id + " \"" + title + "\"";
  }
}
