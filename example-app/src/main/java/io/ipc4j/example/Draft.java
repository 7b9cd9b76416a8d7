package io.ipc4j.example;

/**
 * Edits a window has not saved yet.
 *
 * @param title the title being typed
 * @param body the text being typed
 */
public record Draft(String title, String body) {}
