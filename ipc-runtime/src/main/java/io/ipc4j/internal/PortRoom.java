package io.ipc4j.internal;

import java.lang.System.Logger.Level;

/**
 * Whether a renderer has room for one more port message from the host. Messages posted on a port are relayed to the
 * renderer that holds its peer as fast as the poster sends them; if that renderer reads slower, they would fill its
 * outbound queue and have it disconnected (past {@code IpcHost.Builder.maxOutboundBytes}) for what another renderer
 * did. So a port message is not relayed to a renderer that already has more than half of that limit waiting to be
 * written to it: the port closes instead (both ends hear it), and the renderer keeps the other half for everything
 * else. One message always goes into an empty queue, as any frame does. In process a renderer has no such queue.
 */
final class PortRoom {
  private static final System.Logger LOG = Log.IPC4J;

  private PortRoom() {}

  /**
   * Whether a message for {@code target}, held by {@code wc}, of {@code payload} bytes carrying {@code ports} ports
   * would take what waits for {@code wc} past half its limit; if so, a warning says why {@code target} closes.
   */
  static boolean lacksRoom(WebContentsImpl wc, PortEnd target, int payload, int ports) {
    long waiting = wc.link.outboundBytes();
    if (waiting == 0) {
      return false;
    }
    long limit = target.table.host.maxOutboundBytes;
    long frame = payload + 14L + 8L * ports; // length, type, port id, port count, port ids, payload
    if (waiting + frame <= limit / 2) {
      return false;
    }
    LOG.log(Level.WARNING, "ipc4j: closing " + target + " and its peer: " + waiting + " bytes wait to be written to "
        + "renderer " + wc.id + ", and its messages would take them past half of the limit of " + limit
        + " (IpcHost.Builder.maxOutboundBytes); the port closes rather than have that renderer disconnected for what "
        + "is posted to it. Post less at once (have the receiver answer before more is sent), or raise the limit");
    return true;
  }
}
