package com.example;

/** A checked exception the client gets back as itself. */
public class NoteNotFound extends Exception {
  private static final long serialVersionUID = 1L;

  public NoteNotFound(String message) {
    super(message);
  }
}
