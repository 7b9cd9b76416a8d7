package io.ipc4j;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Captures what the runtime logs (logger "io.ipc4j") while it is open: how tests read the reasons it gives. */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("io.ipc4j"); // held: JUL keeps loggers weakly
  private final boolean parentHandlers = logger.getUseParentHandlers();
  /** Every record captured so far, oldest first. */
  public final List<LogRecord> records = new CopyOnWriteArrayList<>();

  /** Starts capturing. */
  public LogCapture() {
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  /**
   * Keeps what is captured off the console (a fuzz run logs thousands of refusals); undone by {@link #close}.
   *
   * @return this capture
   */
  public LogCapture quiet() {
    logger.setUseParentHandlers(false);
    return this;
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  /** The records captured so far that match. */
  public List<LogRecord> matching(Predicate<LogRecord> filter) {
    return records.stream().filter(filter).collect(Collectors.toList());
  }

  /** The warnings captured so far whose message contains {@code text}. */
  public List<LogRecord> warningsContaining(String text) {
    return matching(r -> r.getLevel() == Level.WARNING && r.getMessage() != null && r.getMessage().contains(text));
  }

  /** Every record's message with its parameters filled in. */
  public List<String> messages() {
    return records.stream().map(LogCapture::text).collect(Collectors.toList());
  }

  /** Whether some record's text contains every one of the given parts. */
  public boolean any(String... parts) {
    return messages().stream().anyMatch(m -> {
      for (String part : parts) {
        if (!m.contains(part)) {
          return false;
        }
      }
      return true;
    });
  }

  /** A record's message with its parameters filled in. */
  public static String text(LogRecord record) {
    Object[] params = record.getParameters();
    return params == null || params.length == 0 ? record.getMessage()
        : MessageFormat.format(record.getMessage(), params);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.setUseParentHandlers(parentHandlers);
    logger.removeHandler(this);
  }
}
