package io.ipc4j.internal;

import java.lang.System.Logger.Level;

/**
 * Reporting a failure without failing again: the threads that must outlive anything (the loops, the watchdog) log
 * through here, because a user's exception may throw when it is printed and logging may fail for want of memory.
 */
final class Failures {
  private static final System.Logger LOG = System.getLogger("io.ipc4j");

  private Failures() {}

  /** Logs a failure; if that fails too, only the log line is lost. */
  static void log(Level level, String message, Throwable failure) {
    try {
      LOG.log(level, message, failure);
    } catch (Throwable ignored) {
      // nothing left to report it with: going on is what matters
    }
  }

  /** A failure's message, or null when it has none or its {@code getMessage} throws. */
  static String messageOf(Throwable failure) {
    try {
      return failure.getMessage();
    } catch (Throwable e) {
      return null;
    }
  }
}
