package io.ipc4j.example;

import io.ipc4j.annotations.IpcEvents;

/** What the main process tells windows when a note changes elsewhere. */
@IpcEvents("notes")
public interface NotesEvents {
  /**
   * A note was created or changed.
   *
   * @param note the note as it is now
   */
  void changed(Note note);

  /**
   * A note was deleted.
   *
   * @param id its id
   * @param by the window that deleted it
   */
  void deleted(long id, String by);
}
