package io.ipc4j.internal.socket;

import io.ipc4j.internal.Poller;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The stall checks of one polled {@link Connection}, run by its loop's {@link Poller} when their time comes, so that
 * no timer of its own is needed: a started frame that gets no byte for the read stall time, or a socket that takes
 * no byte for the write stall time while bytes wait for it, cuts the connection. On the polling loop.
 */
final class StallChecks implements Poller.Timed {
  private final FrameReader reader;
  private final OutboundQueue outbound;
  /** How long a started frame may get no byte before the connection is cut. */
  private final long readStallNanos;
  private final long writeStallMillis;
  private final AtomicBoolean closed;
  /** Cuts the connection, saying why. */
  private final Consumer<String> disconnect;
  /** Whether the poller is asked to call the socket's {@link Poller.Readable#writable()}. */
  private boolean writeInterest;
  /** Whether the poller will run these checks for a frame in progress. */
  private boolean watched;

  /**
   * @param readStall how long a started frame may get no byte, or null for ever
   * @param writeStallMillis how long a socket may take no byte while bytes wait for it
   */
  StallChecks(FrameReader reader, OutboundQueue outbound, Duration readStall, long writeStallMillis,
      AtomicBoolean closed, Consumer<String> disconnect) {
    this.reader = reader;
    this.outbound = outbound;
    // Longer than a year is as good as never (and keeps deadlines from overflowing).
    this.readStallNanos = readStall == null || readStall.toDays() > 365 ? Long.MAX_VALUE : readStall.toNanos();
    this.writeStallMillis = writeStallMillis;
    this.closed = closed;
    this.disconnect = disconnect;
  }

  /** After a poll: a frame left part way starts the stall clock, which the poller then checks. */
  void afterPoll(Poller poller) {
    if (!watched && readStallNanos != Long.MAX_VALUE && reader.frameInProgress() && !closed.get()) {
      watched = true;
      poller.checkBy(reader.lastByteNanos() + readStallNanos);
    }
  }

  /**
   * Asks the poller for {@link Poller.Readable#writable()} calls exactly while the last write left bytes, and for a
   * stall check by when they must have drained. (A writer that is still at it says so when it is done, if it leaves
   * any.)
   */
  void updateWriteInterest(Poller poller, java.nio.channels.SocketChannel channel) {
    boolean want = outbound.isWaiting() && !closed.get();
    if (want != writeInterest && poller.wantWritable(channel, want)) {
      writeInterest = want;
    }
    if (want) {
      poller.checkBy(writeDeadline());
    }
  }

  /** By when bytes that wait for the socket must have drained ({@code nanoTime}). */
  private long writeDeadline() {
    return outbound.waitingSince() + TimeUnit.MILLISECONDS.toNanos(writeStallMillis);
  }

  /**
   * Checks both stalls; on the loop.
   *
   * @return when to check again, {@link Poller#NOT_DUE} while neither can stall, or {@link Poller#DROP} once closed
   */
  @Override
  public long check(long now) {
    if (closed.get()) {
      return Poller.DROP;
    }
    long next = Poller.NOT_DUE;
    if (readStallNanos != Long.MAX_VALUE && reader.frameInProgress()) {
      long deadline = reader.lastByteNanos() + readStallNanos;
      if (now - deadline >= 0) {
        disconnect.accept("it stalled: a frame stopped arriving (no byte for "
            + TimeUnit.NANOSECONDS.toMillis(readStallNanos) + " ms, the stall time)");
        return Poller.DROP;
      }
      next = deadline;
    } else {
      watched = false;
    }
    if (outbound.isWaiting()) {
      long deadline = writeDeadline();
      if (now - deadline >= 0) {
        disconnect.accept(String.format(Locale.ROOT, "it did not read: it took no byte for the stall time of %,d ms "
            + "while %,d bytes were waiting for it (IpcHost.Builder.stallTime)", writeStallMillis, outbound.bytes()));
        return Poller.DROP;
      }
      next = Poller.earlier(next, deadline);
    }
    return next;
  }
}
