package com.example;

import io.ipc4j.annotations.IpcEvents;

/** The representative events interface. */
@IpcEvents("notes")
public interface NotesEvents {
  void changed(Note note);

  void removed(long id, String[] reasons);
}
