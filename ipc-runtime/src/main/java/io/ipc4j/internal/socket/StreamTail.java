package io.ipc4j.internal.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Passes one of a child's output streams on to this process's as it arrives, and keeps its last bytes: when the
 * child exits before it connects, the end of what it wrote says why, in the exception thrown at the caller.
 */
final class StreamTail {
  /** At most this many of the last bytes are kept. */
  static final int MAX_BYTES = 4096;
  /** At most this many of the last lines are shown. */
  static final int MAX_LINES = 20;

  private final byte[] ring = new byte[MAX_BYTES];
  private long written;
  private final Thread pump;

  private StreamTail(InputStream from, OutputStream to, String name) {
    pump = new Thread(() -> copy(from, to), name);
    pump.setDaemon(true); // a grandchild holding the pipe open must not keep this JVM alive
  }

  /**
   * Starts passing {@code from} on to {@code to} on a thread of its own, which ends with the stream.
   *
   * @param from the child's standard error or output
   * @param to where this process writes its own
   * @param name the thread's name
   */
  static StreamTail start(InputStream from, OutputStream to, String name) {
    StreamTail tail = new StreamTail(from, to, name);
    tail.pump.start();
    return tail;
  }

  private void copy(InputStream from, OutputStream to) {
    byte[] buffer = new byte[1024];
    try (from) {
      for (int n; (n = from.read(buffer)) >= 0; ) {
        keep(buffer, n);
        synchronized (to) { // lines of several children stay whole
          to.write(buffer, 0, n);
          to.flush();
        }
      }
    } catch (IOException e) {
      // the child is gone or the stream was closed: what was kept is all there is
    }
  }

  private synchronized void keep(byte[] bytes, int n) {
    for (int i = Math.max(0, n - MAX_BYTES); i < n; i++) {
      ring[(int) (written++ % MAX_BYTES)] = bytes[i];
    }
  }

  /**
   * The end of what the child wrote, once it has closed its standard error or {@code waitMillis} passed: its last
   * {@value #MAX_LINES} lines, at most {@value #MAX_BYTES} bytes.
   *
   * @param waitMillis how long to wait for the rest of the stream after the child exited
   * @return the text, without a trailing line break; empty if it wrote nothing
   */
  String text(long waitMillis) {
    try {
      pump.join(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] bytes;
    synchronized (this) {
      int length = (int) Math.min(written, MAX_BYTES);
      bytes = new byte[length];
      for (int i = 0; i < length; i++) {
        bytes[i] = ring[(int) ((written - length + i) % MAX_BYTES)];
      }
    }
    String text = new String(bytes, StandardCharsets.UTF_8).stripTrailing();
    String[] lines = text.split("\r?\n", -1);
    if (written > MAX_BYTES && lines.length > 1) { // the first line was cut: drop what is left of it
      lines = Arrays.copyOfRange(lines, 1, lines.length);
    }
    int from = Math.max(0, lines.length - MAX_LINES);
    return String.join("\n", Arrays.copyOfRange(lines, from, lines.length));
  }
}
