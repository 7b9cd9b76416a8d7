package io.ipc4j;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Captures what the runtime logs (logger "io.ipc4j") while it is open. */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("io.ipc4j");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  /** Starts capturing. */
  public LogCapture() {
    setLevel(Level.ALL);
    logger.addHandler(this);
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

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
