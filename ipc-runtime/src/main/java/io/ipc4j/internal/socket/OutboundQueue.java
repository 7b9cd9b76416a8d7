package io.ipc4j.internal.socket;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write side of a {@link Connection}: the frames sent and not yet written, and the writers that combine them.
 * Whoever holds the write lock sends every frame queued so far in one gathering write, so small messages that queue
 * up go out together and no thread is made per message. To a polled (non-blocking) socket it writes only what the
 * socket takes at once: the rest waits, counted against the connection's budget, until the loop sees it drain.
 */
final class OutboundQueue {
  /**
   * The send buffer each end asks of the system (Linux grants at most {@code net.core.wmem_max}): a large frame goes
   * out in one write instead of one per drain of a 200 KiB default, which for a 3 MiB frame took a quarter of its
   * round trip. It is kernel memory only while bytes wait for the peer, and a host still cuts off a renderer that
   * stops reading by its own budget.
   */
  static final int SEND_BUFFER_BYTES = 4 << 20;
  /**
   * The most bytes one write is offered (a full Unix socket buffer is about 200 KiB): the JDK copies every heap
   * buffer it is given into native memory before it writes, and copies what a non-blocking socket did not take
   * again on the next write, so a 3 MiB frame offered whole to a socket that takes 200 KiB at a time was copied
   * about fifteen times over.
   */
  private static final long WRITE_WINDOW = 256 * 1024;
  /** The most buffers one gathering write is given (the usual IOV_MAX: the JDK would cut there anyway). */
  private static final int MAX_GATHER = 1024;

  private final SocketChannel channel;
  /** Whether the connection has closed: nothing more is written then. */
  private final AtomicBoolean closed;
  /** Frames sent and not yet taken by a writer, each its header and payload. */
  private final ConcurrentLinkedQueue<ByteBuffer[]> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Buffers taken from the queue and not yet written, oldest first; under the write lock. */
  private final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();
  /** Whether the outbox may hold a borrowed payload (see {@link #add}); under the write lock. */
  private boolean borrowed;
  /** What one gathering write is given; under the write lock. */
  private ByteBuffer[] gather = new ByteBuffer[16];
  /** Bytes sent and not yet written: the queue's and the outbox's. */
  private final AtomicLong outboundBytes = new AtomicLong();
  /** Whether the socket is non-blocking and read by a loop (it never changes back). */
  private volatile boolean polled;
  /** Whether the last write to the polled socket left bytes it could not take; set under the write lock. */
  private volatile boolean waiting;
  /** When the polled socket last took a byte while bytes waited (or when they started to). */
  private volatile long waitingSince;
  /** How a writer waits for a non-blocking socket that is not polled (a renderer's) to drain; null if it blocks. */
  private volatile Drain drain;

  /** Waits until a non-blocking socket can take bytes again, or has closed. */
  interface Drain {
    void awaitWritable() throws IOException;
  }

  OutboundQueue(SocketChannel channel, AtomicBoolean closed) {
    this.channel = channel;
    this.closed = closed;
    try {
      channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
    } catch (IOException | UnsupportedOperationException e) {
      // the system's own size: large frames take more writes, nothing else changes
    }
  }

  /** From now on the socket is polled: a write never waits on it (set before the socket stops blocking). */
  void markPolled() {
    polled = true;
  }

  /** From now on the socket does not block, though no loop polls it: a writer waits with {@code drain}. */
  void drainWith(Drain drain) {
    this.drain = drain;
  }

  boolean isPolled() {
    return polled;
  }

  /** Whether bytes wait for the polled socket to drain. */
  boolean isWaiting() {
    return waiting;
  }

  /** When the polled socket last took a byte while bytes waited ({@code nanoTime}). */
  long waitingSince() {
    return waitingSince;
  }

  /** Bytes sent and not yet written to the socket. */
  long bytes() {
    return outboundBytes.get();
  }

  /**
   * Counts a frame's bytes as waiting, before it is queued.
   *
   * @return how many bytes waited before it
   */
  long reserve(int size) {
    return outboundBytes.getAndAdd(size);
  }

  /** Takes back what {@link #reserve} counted for a frame that is not queued after all. */
  void release(int size) {
    outboundBytes.getAndAdd(-size);
  }

  /**
   * Queues a frame whose bytes were reserved. A payload {@code asIs} is the sender's own array: it is queued
   * read-only, which marks it as borrowed until it is written (see {@link #write}).
   */
  void add(ByteBuffer header, byte[] payload, boolean asIs) {
    if (payload == null || payload.length == 0) {
      queue.offer(new ByteBuffer[] {header});
    } else {
      ByteBuffer wrapped = ByteBuffer.wrap(payload);
      queue.offer(new ByteBuffer[] {header, asIs ? wrapped.asReadOnlyBuffer() : wrapped});
    }
  }

  /**
   * Writes what is queued unless another writer holds the lock (it then writes these frames too: a writer looks
   * again after letting go). Whoever holds the lock leaves no borrowed payload behind: a blocking or drained socket
   * takes everything, and what a polled socket did not take of a borrowed array is copied before the lock is let go.
   *
   * @param settle whether to wait for the lock instead, so that once this returns the caller's borrowed payload has
   *     been written or copied and its array is the sender's again
   * @return whether bytes are left for a polled socket to take when it drains
   * @throws IOException if writing failed (what was queued is dropped)
   */
  boolean write(boolean settle) throws IOException {
    boolean held;
    if (settle) {
      writeLock.lock(); // whoever held it settled what it took; what is still queued is taken here
      held = true;
    } else {
      held = writeLock.tryLock();
    }
    for (; held; held = writeLock.tryLock()) {
      boolean left;
      try {
        left = writeNow();
      } catch (IOException e) {
        dropQueued();
        throw e;
      } finally {
        writeLock.unlock();
      }
      if (left) {
        return true;
      }
      if (queue.isEmpty()) {
        return false; // checked after letting go: a frame queued while the lock was held is sent by its holder
      }
    }
    return false;
  }

  /**
   * Moves the queue into the outbox and writes it, in gathering writes of at most {@link #WRITE_WINDOW} bytes: all
   * of it to a blocking socket or to one that a writer waits for (a renderer's), to a polled one what it takes now.
   * Under the lock.
   *
   * @return whether bytes are left for a polled socket to take later
   */
  private boolean writeNow() throws IOException {
    if (closed.get()) {
      dropQueued();
      return false;
    }
    boolean progressed = false;
    while (true) {
      ByteBuffer[] frame;
      while ((frame = queue.poll()) != null) {
        for (ByteBuffer part : frame) {
          outbox.addLast(part);
          borrowed |= part.isReadOnly();
        }
      }
      if (outbox.isEmpty()) {
        if (waiting) {
          waiting = false;
        }
        return false;
      }
      boolean nonBlocking = polled;
      int n = 0;
      long offered = 0;
      ByteBuffer whole = null;
      ByteBuffer cut = null;
      for (ByteBuffer b : outbox) {
        if (n == MAX_GATHER || offered >= WRITE_WINDOW) {
          break;
        }
        if (n == gather.length) {
          gather = Arrays.copyOf(gather, n * 2);
        }
        int remaining = b.remaining();
        if (remaining > WRITE_WINDOW - offered) { // only the window's worth of a large buffer
          whole = b;
          cut = b.duplicate();
          cut.limit(cut.position() + (int) (WRITE_WINDOW - offered));
          gather[n++] = cut;
          offered = WRITE_WINDOW;
          break;
        }
        gather[n++] = b;
        offered += remaining;
      }
      long written;
      try {
        written = channel.write(gather, 0, n);
      } finally {
        if (cut != null) {
          whole.position(cut.position());
        }
        Arrays.fill(gather, 0, n, null); // written payloads are not kept alive here
      }
      if (written > 0) {
        outboundBytes.getAndAdd(-written);
        progressed = true;
      }
      while (!outbox.isEmpty() && !outbox.peekFirst().hasRemaining()) {
        outbox.pollFirst();
      }
      if (written < offered && nonBlocking) {
        if (progressed || !waiting) {
          waitingSince = System.nanoTime(); // the stall time counts from the last byte the socket took
          waiting = true;
        }
        copyBorrowed();
        return true;
      }
      Drain d = drain;
      if (written < offered && d != null) {
        d.awaitWritable(); // the socket is full and does not block: wait for it here, as a blocking write would
      }
    }
  }

  /** Copies what the socket has not taken of each borrowed payload in the outbox, in place; under the lock. */
  private void copyBorrowed() {
    if (!borrowed) {
      return; // the common case: a queue of encoded frames is not walked on every write the socket cuts short
    }
    for (int i = outbox.size(); i > 0; i--) {
      ByteBuffer b = outbox.pollFirst();
      outbox.addLast(b.isReadOnly() ? ByteBuffer.allocate(b.remaining()).put(b).flip() : b);
    }
    borrowed = false;
  }

  /** Lets go of every frame not yet written (the connection is closed or failed). */
  void dropQueued() {
    queue.clear();
    if (writeLock.tryLock()) { // else its holder drops the outbox when its write fails
      try {
        outbox.clear();
      } finally {
        writeLock.unlock();
      }
    }
  }
}
