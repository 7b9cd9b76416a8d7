package io.ipc4j.internal.socket;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a renderer's socket (non-blocking) on the connection's background reader thread: it waits for bytes in a
 * selector, reads every whole frame the socket has, and hands each to the connection's receiver in the order the
 * frames came. A reply ends its call right there (the blocked caller is unparked), and messages for the renderer's
 * loop are only queued, so a caller blocked on that loop cannot deadlock.
 *
 * <p>Callers do not read their own replies. Letting a blocked caller read (leader/follower) saved the reader's
 * hand-over, but the reader, which must watch the socket for pushes too, woke on every reply as well and had to be
 * woken again when the caller was done: on two cores the 64-byte round trip measured about 2.2× the raw socket
 * that way, and 1.3× with the reader alone ({@code ipc-benchmarks --quick --only cross}).
 */
final class BackgroundReader {
  private final Connection connection;
  private final SocketChannel channel;
  private final FrameReader frames;
  private final Connection.Receiver receiver;
  private final AtomicBoolean closed;
  /** Where the background reader waits for bytes; its thread only. */
  private final Selector background;
  /** Where a writer waits for the socket to drain; the holder of the write lock only. */
  private final Selector writes;
  private final Thread thread;
  /** How long a writer waits for a socket that takes no byte before the connection is cut (ms). */
  private final long stallMillis;

  BackgroundReader(Connection connection, SocketChannel channel, FrameReader frames, Connection.Receiver receiver,
      AtomicBoolean closed, long stallMillis) throws IOException {
    this.connection = connection;
    this.stallMillis = stallMillis;
    this.channel = channel;
    this.frames = frames;
    this.receiver = receiver;
    this.closed = closed;
    Selector[] selectors = new Selector[2];
    try {
      for (int i = 0; i < selectors.length; i++) {
        selectors[i] = Selector.open();
      }
    } catch (IOException e) {
      for (Selector s : selectors) {
        closeQuietly(s);
      }
      throw e;
    }
    this.background = selectors[0];
    this.writes = selectors[1];
    this.thread = new Thread(this::readInBackground, "ipc4j-" + connection);
    thread.setDaemon(true);
  }

  /** Switches the socket to non-blocking reads, and starts the background reader. */
  void start() throws IOException {
    try {
      channel.configureBlocking(false);
      channel.register(background, SelectionKey.OP_READ);
      channel.register(writes, SelectionKey.OP_WRITE);
    } catch (IOException | RuntimeException e) {
      closeSelectors();
      throw e;
    }
    thread.start();
  }

  /**
   * Waits until the socket can take bytes again, or has closed (a writer then finds it closed); the writer that
   * holds the write lock only. A peer that takes no byte for the stall time (a host whose main loop is stuck, or a
   * stopped process) is cut off, so that no writer, and no caller behind it, waits past its deadline for it.
   */
  void awaitWritable() {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stallMillis);
    try {
      while (!closed.get()) {
        long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
        if (left <= 0) {
          connection.close("the peer took no byte for the stall time of " + stallMillis + " ms while bytes were "
              + "waiting for it");
          return;
        }
        if (writes.select(Math.min(left, 1000)) > 0) {
          writes.selectedKeys().clear();
          return;
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      // closed meanwhile: the write that follows says so
    }
  }

  /** The connection closed: wakes the reader and a waiting writer, so that neither waits for what cannot come. */
  void closed() {
    background.wakeup();
    writes.wakeup();
  }

  /** The background reader: reads what the socket has, then waits for more, until the connection closes. */
  private void readInBackground() {
    String reason = "the connection closed";
    try {
      while (!closed.get()) {
        frames.readAvailable(receiver);
        if (!closed.get()) {
          background.select();
          background.selectedKeys().clear();
        }
      }
    } catch (ClosedSelectorException e) {
      // closed meanwhile
    } catch (Throwable e) {
      reason = frames.closeReasonFor(e, connection.toString());
    }
    connection.close(reason);
    closeSelectors(); // the socket, which stays open while a selector holds it, is released
  }

  private void closeSelectors() {
    closeQuietly(background);
    closeQuietly(writes);
  }

  private static void closeQuietly(Selector selector) {
    if (selector == null) {
      return;
    }
    try {
      selector.close();
    } catch (IOException e) {
      // nothing is left to release
    }
  }
}
