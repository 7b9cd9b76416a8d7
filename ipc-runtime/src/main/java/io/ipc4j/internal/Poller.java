package io.ipc4j.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;

/**
 * The sockets an {@link EventLoop} reads itself, as Node's loop polls its handles: the host's main loop reads
 * every renderer's socket and handles what arrives right there, so a message costs one thread wake-up on the
 * host side, not two (a reader thread's and then the loop's). Everything but {@link #wakeUp()} runs on the loop.
 */
public final class Poller {
  private static final System.Logger LOG = Log.IPC4J;

  /** A socket served by the loop. */
  public interface Readable {
    /** Reads and handles what the socket has; never throws. */
    void readable();

    /** Writes what waits for the socket, which can take bytes again; never throws. Only after {@link #wantWritable}. */
    default void writable() {}

    /** Writes the frames the loop queued for this socket with {@link #deferWrite}; never throws. */
    default void writeDeferred() {}
  }

  /**
   * A check the loop runs when its time comes (a connection's stall deadline): the select waits no longer than the
   * nearest one, so timers cost no thread.
   */
  public interface Timed {
    /**
     * Runs the check; on the loop.
     *
     * @param now {@link System#nanoTime()}
     * @return when to run it next ({@code nanoTime}), {@link #NOT_DUE} for not until {@link #checkBy} asks, or
     *     {@link #DROP} to drop it
     */
    long check(long now);
  }

  /** What a {@link Timed} check returns when it has nothing to check until told. */
  public static final long NOT_DUE = Long.MAX_VALUE;
  /** What a {@link Timed} check returns to be dropped. */
  public static final long DROP = Long.MIN_VALUE;

  private final Selector selector;
  /** Sockets with frames the loop queued and has not written yet, in the order they were first queued. */
  private final java.util.List<Readable> deferred = new java.util.ArrayList<>();
  private final java.util.List<Timed> timed = new java.util.ArrayList<>();
  /** When the checks must run next ({@code nanoTime}), or {@link #NOT_DUE}. */
  private long nextCheck = NOT_DUE;

  Poller() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("ipc4j could not open a selector", e);
    }
  }

  /** Starts serving a non-blocking channel; on the loop. */
  public void register(java.nio.channels.SocketChannel channel, Readable readable) throws ClosedChannelException {
    channel.register(selector, SelectionKey.OP_READ, readable);
  }

  /**
   * Asks for (or stops asking for) {@link Readable#writable()} calls while the socket can take bytes; on the loop.
   *
   * @return false if the channel is not (or no longer) registered
   */
  public boolean wantWritable(java.nio.channels.SocketChannel channel, boolean want) {
    SelectionKey key = channel.keyFor(selector);
    if (key == null) {
      return false;
    }
    try {
      if (want) {
        key.interestOpsOr(SelectionKey.OP_WRITE);
      } else {
        key.interestOpsAnd(~SelectionKey.OP_WRITE);
      }
      return true;
    } catch (CancelledKeyException e) {
      return false;
    }
  }

  /**
   * Has the loop write what it queued for {@code socket} once it is done with what it does now (a task, a socket's
   * frames, its timed checks), in one gathering write however many frames that was: the end of a burst of sends
   * (which frames wait is the socket's to say). On the loop; once per socket until written.
   */
  public void deferWrite(Readable socket) {
    deferred.add(socket);
  }

  /** Writes what {@link #deferWrite} left; on the loop, after each task and each socket it handled. */
  void writeDeferred() {
    for (int i = 0; i < deferred.size(); i++) { // a write that closes a socket may defer another's: it is seen too
      deferred.get(i).writeDeferred();
    }
    deferred.clear();
  }

  /**
   * Handles every socket that is ready, without waiting.
   *
   * @return whether any was
   */
  boolean pollNow() {
    boolean ready = handle(select(false));
    runDueChecks();
    return ready;
  }

  /**
   * Waits until a socket is ready, {@link #wakeUp()} is called or the nearest check is due, then handles what is
   * ready and runs the checks that are due.
   */
  void await() {
    handle(select(true));
    runDueChecks();
  }

  /** Adds a check (run now once, and then when it asks); on the loop. Checks that asked to be dropped go. */
  public void addTimed(Timed check) {
    timed.add(check);
    runChecks(System.nanoTime());
  }

  /** Makes the checks run no later than {@code deadline} ({@code nanoTime}); on the loop. */
  public void checkBy(long deadline) {
    nextCheck = earlier(nextCheck, deadline);
  }

  private void runDueChecks() {
    if (nextCheck != NOT_DUE) {
      long now = System.nanoTime();
      if (now - nextCheck >= 0) {
        runChecks(now);
      }
    }
  }

  private void runChecks(long now) {
    long next = NOT_DUE;
    for (int i = timed.size() - 1; i >= 0; i--) {
      long at;
      try {
        at = timed.get(i).check(now);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "ipc4j: a timed check failed; it is dropped", e);
        at = DROP;
      }
      if (at == DROP) {
        timed.remove(i);
      } else {
        next = earlier(next, at);
      }
    }
    nextCheck = next;
    writeDeferred();
  }

  /** The earlier of two {@code nanoTime} instants, either of which may be {@link #NOT_DUE}. */
  public static long earlier(long a, long b) {
    if (a == NOT_DUE) {
      return b;
    }
    return b == NOT_DUE || a - b < 0 ? a : b;
  }

  private int select(boolean block) {
    try {
      if (!block) {
        return selector.selectNow();
      }
      if (nextCheck == NOT_DUE) {
        return selector.select();
      }
      long waitNanos = nextCheck - System.nanoTime();
      // select(0) would wait forever: a due check is run after a poll that does not wait.
      return waitNanos <= 0 ? selector.selectNow() : selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
    } catch (IOException e) {
      LOG.log(Level.ERROR, "ipc4j: polling sockets failed", e);
      return 0;
    }
  }

  private boolean handle(int ready) {
    if (ready == 0) {
      return false;
    }
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    while (keys.hasNext()) {
      SelectionKey key = keys.next();
      keys.remove();
      int ops;
      try {
        ops = key.readyOps();
      } catch (CancelledKeyException e) {
        continue; // closed meanwhile
      }
      Readable socket = (Readable) key.attachment();
      if ((ops & SelectionKey.OP_WRITE) != 0) {
        socket.writable();
      }
      if ((ops & ~SelectionKey.OP_WRITE) != 0 && key.isValid()) {
        socket.readable();
        writeDeferred();
      }
    }
    return true;
  }

  /** Makes a waiting (or the next) {@link #await()} return; any thread. */
  public void wakeUp() {
    selector.wakeup();
  }

  /** Closes the selector (and with it the registrations); on the loop, when it ends. */
  void close() {
    try {
      selector.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "ipc4j: closing the selector: {0}", e.getMessage());
    }
  }
}
