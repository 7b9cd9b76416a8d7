package io.ipc4j.internal.socket;

import io.ipc4j.internal.Log;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * A warning that may come in floods (an attacker can make as many connections as it likes): logged at most once
 * a second, with a count of those left out. On the accept thread.
 */
final class Throttled {
  private static final System.Logger LOG = Log.IPC4J;
  private static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
  private long quietUntil = System.nanoTime();
  private int leftOut;

  void warn(String message) {
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
