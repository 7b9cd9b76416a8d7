package io.ipc4j.it;

import io.ipc4j.annotations.IpcEvents;
import java.util.List;

/** Main-to-renderer events. */
@IpcEvents("notes")
public interface NotesEvents {
  /**
   * A note changed.
   *
   * @param note the note
   */
  void changed(Note note);

  /**
   * Notes were removed.
   *
   * @param ids their ids
   * @param reason why
   */
  void removed(List<Long> ids, String reason);
}
