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
final class Poller {
  private static final System.Logger LOG = System.getLogger("io.ipc4j");

  /** A socket served by the loop. */
  interface Readable {
    /** Reads and handles what the socket has; never throws. */
    void readable();

    /** Writes what waits for the socket, which can take bytes again; never throws. Only after {@link #wantWritable}. */
    default void writable() {}
  }

  private final Selector selector;

  Poller() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("ipc4j could not open a selector", e);
    }
  }

  /** Starts serving a non-blocking channel; on the loop. */
  void register(java.nio.channels.SocketChannel channel, Readable readable) throws ClosedChannelException {
    channel.register(selector, SelectionKey.OP_READ, readable);
  }

  /**
   * Asks for (or stops asking for) {@link Readable#writable()} calls while the socket can take bytes; on the loop.
   *
   * @return false if the channel is not (or no longer) registered
   */
  boolean wantWritable(java.nio.channels.SocketChannel channel, boolean want) {
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
   * Handles every socket that is ready, without waiting.
   *
   * @return whether any was
   */
  boolean pollNow() {
    return handle(select(false));
  }

  /** Waits until a socket is ready or {@link #wakeUp()} is called, then handles what is ready. */
  void await() {
    handle(select(true));
  }

  private int select(boolean block) {
    try {
      return block ? selector.select() : selector.selectNow();
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
      }
    }
    return true;
  }

  /** Makes a waiting (or the next) {@link #await()} return; any thread. */
  void wakeUp() {
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
