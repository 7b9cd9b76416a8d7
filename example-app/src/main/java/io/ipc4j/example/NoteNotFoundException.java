package io.ipc4j.example;

/** No note has the requested id; declared on {@link NotesApi}, so it reaches renderers as itself. */
public class NoteNotFoundException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which note was missing
   */
  public NoteNotFoundException(String message) {
    super(message);
  }
}
