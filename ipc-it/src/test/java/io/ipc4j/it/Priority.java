package io.ipc4j.it;

/** How urgent a note is. */
public enum Priority {
  /** Whenever. */
  LOW,
  /** Soon. */
  HIGH
}
