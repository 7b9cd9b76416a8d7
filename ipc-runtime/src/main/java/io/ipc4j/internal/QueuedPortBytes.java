package io.ipc4j.internal;

import java.lang.System.Logger.Level;

/**
 * What one renderer's port messages keep waiting in the main process: the bytes of the messages it posted (or handed
 * back) that sit in the queues of {@link io.ipc4j.MessagePortMain}s nobody started. Each port's queue has its own
 * bound ({@link PortInbox#MAX_QUEUED_BYTES}); this one bounds their total, so that a renderer cannot fill the host's
 * memory by spreading its messages over many ports that a listener keeps without starting. A message counts its
 * payload and {@link PortInbox#ENTRY_COST} from the moment it is queued until it is taken from the queue (delivered,
 * or moved on with its port) or dropped (the port closed). Messages the main process posts count against nobody.
 * Guarded by {@link PortTable#LOCK}, which every main-side queue is guarded by too.
 */
final class QueuedPortBytes {
  private static final System.Logger LOG = Log.IPC4J;

  private final int rendererId;
  private final long limit;
  /** The bytes counted now. */
  private long bytes;

  /**
   * @param rendererId the renderer whose messages count here, for the warning
   * @param limit the most bytes they may keep waiting: the host's {@code maxOutboundBytes}
   */
  QueuedPortBytes(int rendererId, long limit) {
    this.rendererId = rendererId;
    this.limit = limit;
  }

  /**
   * Whether a message of {@code payload} bytes would take the count past the limit; if so, a warning naming
   * {@code port} and the renderer says so, and the port is closed rather than queue it.
   */
  boolean overflowsWith(byte[] payload, Object port) {
    long after = bytes + payload.length + PortInbox.ENTRY_COST;
    if (after <= limit) {
      return false;
    }
    LOG.log(Level.WARNING, "ipc4j: closing " + port + ": renderer " + rendererId + "'s messages waiting in main-process"
        + " ports that are not started would reach " + after + " bytes, past the limit of " + limit
        + " (IpcHost.Builder.maxOutboundBytes); start the MessagePortMains the app keeps, close those it does not use,"
        + " or raise the limit");
    return true;
  }

  /** Counts a message queued (the lock held). */
  void add(long cost) {
    bytes += cost;
  }

  /** A counted message left its queue (the lock held). */
  void remove(long cost) {
    bytes -= cost;
  }
}
