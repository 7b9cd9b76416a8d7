package io.ipc4j.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what the runtime logs (logger "io.ipc4j") while it is open: how tests read the reasons it gives. */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("io.ipc4j"); // held: JUL keeps loggers weakly
  final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private final boolean parentHandlers = logger.getUseParentHandlers();

  LogCapture() {
    logger.addHandler(this);
  }

  /** Keeps what is captured off the console (a fuzz run logs thousands of refusals); undone by {@link #close}. */
  LogCapture quiet() {
    logger.setUseParentHandlers(false);
    return this;
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  /** Every record's message with its parameters filled in. */
  List<String> messages() {
    return records.stream().map(LogCapture::text).collect(java.util.stream.Collectors.toList());
  }

  /** Whether some record's text contains every one of the given parts. */
  boolean any(String... parts) {
    return messages().stream().anyMatch(m -> {
      for (String part : parts) {
        if (!m.contains(part)) {
          return false;
        }
      }
      return true;
    });
  }

  static String text(LogRecord record) {
    Object[] params = record.getParameters();
    return params == null || params.length == 0 ? record.getMessage()
        : java.text.MessageFormat.format(record.getMessage(), params);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.setUseParentHandlers(parentHandlers);
    logger.removeHandler(this);
  }
}
