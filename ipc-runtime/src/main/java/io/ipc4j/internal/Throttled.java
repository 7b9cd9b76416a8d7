package io.ipc4j.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * A warning that may come in floods (an attacker can make as many connections, or calls, as it likes): logged at
 * most once a second, with a count of those left out. Not thread-safe: each is used by one thread (the accept thread,
 * or the main loop).
 */
public final class Throttled {
  private static final System.Logger LOG = Log.IPC4J;
  private static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
  private long quietUntil = System.nanoTime();
  private int leftOut;

  /** A throttled warning, logged now or counted. */
  public Throttled() {}

  /**
   * Logs {@code message} unless one was logged less than a second ago; then it is counted, and the next logged says
   * how many were left out.
   *
   * @param message the warning
   */
  public void warn(String message) {
    long now = System.nanoTime();
    if (now - quietUntil < 0) {
      leftOut++;
      return;
    }
    quietUntil = now + PERIOD_NANOS;
    if (leftOut > 0) {
      LOG.log(Level.WARNING, "{0} (and {1} more like it in the last second, not logged)", message, leftOut);
    } else {
      LOG.log(Level.WARNING, message);
    }
    leftOut = 0;
  }
}
