package io.ipc4j.example;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/** What a {@link NotesApp} prints, kept for a test to read and wait on. */
final class CapturedTranscript {
  /** Generous: a loaded two-core machine may start renderer JVMs slowly. */
  static final Duration WAIT = Duration.ofSeconds(60);

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  PrintStream out() {
    return out;
  }

  String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Waits until a line matches {@code regex}.
   *
   * @return the transcript at that moment
   * @throws AssertionError if none does within {@link #WAIT}
   */
  String awaitLine(String regex) throws InterruptedException {
    Pattern line = Pattern.compile("(?m)^" + regex + "$");
    Instant until = Instant.now().plus(WAIT);
    while (true) {
      String text = text();
      if (line.matcher(text).find()) {
        return text;
      }
      if (Instant.now().isAfter(until)) {
        throw new AssertionError("no line matching " + regex + " within " + WAIT + " in:\n" + text);
      }
      Thread.sleep(20);
    }
  }
}
