package io.ipc4j.internal;

import io.ipc4j.spi.DeclaredFailure;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Reporting a failure without failing again: the threads that must outlive anything (the loops, the scheduler) log
 * through here, because a user's exception may throw when it is printed and logging may fail for want of memory.
 * Public only for {@link #unwrap}, which the SPI shares; the package is not exported.
 */
public final class Failures {
  private static final System.Logger LOG = Log.IPC4J;

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

  /**
   * The type a failed reply names: for an exception the method declares (a {@link DeclaredFailure}), the declared
   * type, which is what a typed caller rethrows; else the failure's own class.
   */
  static String typeOf(Throwable failure) {
    return failure instanceof DeclaredFailure declared ? declared.declaredType() : failure.getClass().getName();
  }

  /** What to log for a failure: what the implementation threw, for an exception the method declares. */
  static Throwable thrown(Throwable failure) {
    return failure instanceof DeclaredFailure declared ? declared.getCause() : failure;
  }

  /**
   * The failure a future's wrapper stands for: {@link CompletionException}s and {@link ExecutionException}s are
   * peeled off, however deeply nested, down to the first one without a cause.
   *
   * @param failure what a future completed with, or threw
   * @return the innermost cause that is not such a wrapper, or the last wrapper if it has no cause
   */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
