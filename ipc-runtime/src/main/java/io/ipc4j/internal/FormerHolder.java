package io.ipc4j.internal;

/**
 * What a renderer that gave a port away may still hand back for it with PORT_RETURN: the messages the host sent it
 * for that port while it held it, each once (they may have crossed its transfer on the wire, or waited in its queue);
 * and, if it held the port's peer too (a pair it made, whose messages stay in the renderer), the messages that
 * waited in the port's queue, which follow the frame that gives the port up before any other port frame of that
 * renderer, and of which its queue held at most {@link PortInbox#MAX_QUEUED_BYTES}. A PORT_RETURN beyond that would
 * be a message the renderer makes up in the name of the port's peer. Guarded by {@link PortTable#LOCK}.
 */
final class FormerHolder {
  /** How many messages the host sent it for the port that it has not handed back. */
  private long due;
  /** The renderer's port frame ({@link WebContentsImpl#portFrames}) after which its queue's messages may follow. */
  private long queueFrame = -1;
  /** How many bytes of its queue's messages may still follow then. */
  private long queueBytes;

  /**
   * The renderer gives the port up again.
   *
   * @param sent how many messages the host sent it for the port while it held it this time
   * @param hadPeer whether it held the port's peer too, so that messages the host never saw may wait in its queue
   * @param frame the port frame of the renderer that gives the port up
   */
  void gaveUp(long sent, boolean hadPeer, long frame) {
    due += sent;
    if (hadPeer) {
      queueFrame = frame;
      queueBytes = PortInbox.MAX_QUEUED_BYTES;
    }
  }

  /**
   * Takes one PORT_RETURN of {@code payload} bytes arriving after the renderer's port frame {@code frame}: whether it
   * may hand it back.
   */
  boolean takes(int payload, long frame) {
    if (due > 0) {
      due--;
      return true;
    }
    long cost = (long) payload + PortInbox.ENTRY_COST;
    if (frame == queueFrame && cost <= queueBytes) {
      queueBytes -= cost;
      return true;
    }
    return false;
  }
}
