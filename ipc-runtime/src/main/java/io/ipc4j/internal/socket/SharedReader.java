package io.ipc4j.internal.socket;

import io.ipc4j.internal.MainLink;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads a renderer's socket (non-blocking) by whichever thread holds its {@link ReaderRole}: a caller blocked on a
 * reply reads its reply itself ({@link #lead}), which saves the wake-up of a reader thread that would hand it over,
 * and a background reader thread reads when nobody waits (messages the host pushes, calls it makes). Whoever reads
 * hands every frame to the connection's receiver in the order the frames came, so a frame read by a caller is
 * handled exactly as the reader thread would handle it; a caller whose reply has come hands the role on.
 *
 * <p>The background reader waits for bytes in a selector of its own, without the role: when bytes come while a
 * caller reads, it queues for the role and gets it back when the caller is done. A caller waits in the leader
 * selector, with the role and with its deadline, so a reading caller never waits past its deadline. Nothing a
 * reader does while it holds the role waits for anything but the socket: a caller blocked on its renderer's event
 * loop only queues the loop's work, as the reader thread does, so it cannot deadlock.
 */
final class SharedReader {
  private final Connection connection;
  private final SocketChannel channel;
  private final FrameReader frames;
  private final Connection.Receiver receiver;
  private final AtomicBoolean closed;
  private final ReaderRole role = new ReaderRole();
  /** Where the background reader waits for bytes; its thread only. */
  private final Selector background;
  /** Where a reading caller waits for bytes; the role's holder only. */
  private final Selector leader;
  /** Where a writer waits for the socket to drain; the holder of the write lock only. */
  private final Selector writes;
  private final Thread thread;

  SharedReader(Connection connection, SocketChannel channel, FrameReader frames, Connection.Receiver receiver,
      AtomicBoolean closed) throws IOException {
    this.connection = connection;
    this.channel = channel;
    this.frames = frames;
    this.receiver = receiver;
    this.closed = closed;
    Selector[] selectors = new Selector[3];
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
    this.leader = selectors[1];
    this.writes = selectors[2];
    this.thread = new Thread(this::readInBackground, "ipc4j-" + connection);
    thread.setDaemon(true);
  }

  /** Switches the socket to non-blocking reads shared this way, and starts the background reader. */
  void start() throws IOException {
    try {
      channel.configureBlocking(false);
      channel.register(background, SelectionKey.OP_READ);
      channel.register(leader, SelectionKey.OP_READ);
      channel.register(writes, SelectionKey.OP_WRITE);
    } catch (IOException | RuntimeException e) {
      closeSelectors();
      throw e;
    }
    thread.start();
  }

  /**
   * Waits until the socket can take bytes again, or has closed (a writer then finds it closed); the writer that
   * holds the write lock only. It waits as long as a blocking write would, looking at the connection each second.
   */
  void awaitWritable() {
    try {
      while (!closed.get()) {
        if (writes.select(1000) > 0) {
          writes.selectedKeys().clear();
          return;
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      // closed meanwhile: the write that follows says so
    }
  }

  /**
   * Reads for a caller blocked on a reply, if the role is free or has been handed to it: it reads and handles
   * frames until {@code call} has ended, {@code untilNanos} passes, the thread is interrupted or the connection
   * closes, and then hands the role on. Otherwise the caller is queued for the role and should park: it is
   * unparked when its call ends or the role is handed to it, and calls again.
   *
   * @return whether the caller read (false: it is queued, or the connection closed)
   */
  boolean lead(MainLink.Waiting call, long untilNanos) {
    if (closed.get()) {
      return false;
    }
    Thread me = Thread.currentThread();
    if (!role.takeOrQueue(me)) {
      return false;
    }
    try {
      while (call.isPending() && !closed.get() && !me.isInterrupted()) {
        long left = untilNanos - System.nanoTime();
        if (left <= 0) {
          break;
        }
        // select first: the reply is seldom here already, and bytes that are make it return at once
        leader.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
        leader.selectedKeys().clear();
        frames.readPolled(receiver);
      }
    } catch (ClosedSelectorException e) {
      // the connection closed meanwhile
    } catch (Throwable e) {
      connection.close(connection.closeReasonFor(e));
    } finally {
      role.pass(me);
    }
    return true;
  }

  /** A caller stops waiting: it leaves the role's queue, and hands the role on if it was handed to it. */
  void leave() {
    role.leave(Thread.currentThread());
  }

  /** The connection closed: wakes every thread that waits to read, so that none waits for bytes that cannot come. */
  void closed() {
    background.wakeup();
    leader.wakeup();
    writes.wakeup();
    role.wakeAll();
    LockSupport.unpark(thread);
  }

  /**
   * The background reader: while it may read, it reads what the socket has and then waits for more without the
   * role; when a caller holds the role, it queues for it and parks until it is handed back.
   */
  private void readInBackground() {
    Thread me = Thread.currentThread();
    String reason = "the connection closed";
    try {
      while (!closed.get()) {
        if (!role.takeOrQueue(me)) {
          LockSupport.park(this); // until the role is handed back, or the connection closes
          continue;
        }
        try {
          frames.readPolled(receiver);
        } finally {
          role.pass(me);
        }
        if (role.isFree() && !closed.get()) {
          background.select();
          background.selectedKeys().clear();
        }
      }
    } catch (ClosedSelectorException e) {
      // closed meanwhile
    } catch (Throwable e) {
      reason = connection.closeReasonFor(e);
    } finally {
      role.leave(me);
    }
    connection.close(reason);
    closeSelectors(); // the socket, which stays open while a selector holds it, is released
  }

  private void closeSelectors() {
    closeQuietly(background);
    closeQuietly(leader);
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
