package io.ipc4j.internal;

import java.util.ResourceBundle;

/**
 * The runtime's one logger, {@code io.ipc4j}, found the first time something is logged. {@code System.getLogger}
 * finds the platform's logging backend at once (in a fresh JVM that loads and configures {@code java.util.logging},
 * tens of milliseconds), and a renderer JVM that logs nothing should not pay for that before its first call.
 */
public final class Log implements System.Logger {
  /** The logger every runtime class logs to. */
  public static final System.Logger IPC4J = new Log();

  private Log() {}

  /** The backend's logger, made when the first message is logged or checked. */
  private static final class Backend {
    static final System.Logger LOGGER = System.getLogger("io.ipc4j");
  }

  @Override
  public String getName() {
    return "io.ipc4j";
  }

  @Override
  public boolean isLoggable(Level level) {
    return Backend.LOGGER.isLoggable(level);
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
    Backend.LOGGER.log(level, bundle, message, thrown);
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    Backend.LOGGER.log(level, bundle, format, params);
  }
}
