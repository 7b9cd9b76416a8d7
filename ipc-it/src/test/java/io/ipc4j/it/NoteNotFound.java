package io.ipc4j.it;

/** A checked exception that crosses as itself. */
public class NoteNotFound extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was not found
   */
  public NoteNotFound(String message) {
    super(message);
  }
}
