package io.ipc4j.internal;

import io.ipc4j.MessagePortMain;
import io.ipc4j.internal.jfr.IpcPortMessageEvent;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One host's MessagePorts, and the routing of every port message in the main process. The host knows each end it
 * relays for by id, and who holds it; a renderer may name only the ends it holds, so ids need no secrecy. Messages
 * between renderers go through the host (it relays them as it relays everything else: no connection between
 * renderers, no thread per pair).
 *
 * <p>A main-side end gets its id from the table of the host it is bound to (ids count down from -1 in each host), so
 * hosts number their ports independently; a pair of no host needs none until it is. Such a pair has its own loop
 * and codec ({@link UnboundPair}). Nothing here is static but constants and {@link #LOCK}.
 *
 * <p>All state of the main side's ports, across hosts, is guarded by that one lock, which holds no state itself.
 * One lock is kept on purpose: a transfer moves a port, its queue and the ports in that queue at once, and
 * messages keep their order through it; the ports of one message may belong to a host or to none (a pair of no
 * host becomes a host's in the middle of a transfer), so a lock per host or per pair would change under a
 * holder's feet, and taking several in the order user threads happen to name ports could deadlock. No listener
 * or callback runs under it. A message that reaches a renderer just after that renderer gave its port away comes
 * back ({@link Message.PortReturn}) and is delivered to the port's new holder.
 *
 * <p>A message queued in the main process for a port that is not started counts toward the queue's bound
 * ({@link PortInbox#overflowsWith}); past it, the port is closed (both ends' {@code onClose} run) and a warning is
 * logged, so that a renderer cannot fill the host's memory through a port nobody reads; and toward its sender's
 * total in such queues ({@link QueuedPortBytes}), so that it cannot either through many of them. A port message
 * for a renderer whose outbound queue is half full closes its port instead ({@link PortRoom}).
 *
 * <p>The ends a renderer's pairs keep in the table count against that renderer until the table forgets them
 * ({@link PortEnd#maker}): giving a port away (to the main process, to another renderer, to a listener that ignores
 * it) does not give the count back, so a renderer cannot make the host keep more than
 * {@link #MAX_PORTS_PER_RENDERER} ends by making pairs and giving them away. Ports a renderer receives never count
 * against it, so that no renderer can push another past the bound and have it cut off.
 */
final class PortTable {
  /** Guards the state of every main-side port, of every host and of none (see above); it has none of its own. */
  static final Object LOCK = new Object();
  /**
   * The most ends of the pairs one renderer made that the host keeps at once: a pair counts until both of its ends
   * are closed and forgotten, wherever they went. A renderer whose PORT_CHANNEL would pass it breaks the protocol.
   */
  static final int MAX_PORTS_PER_RENDERER = 1 << 16;

  private static final System.Logger LOG = Log.IPC4J;

  final IpcHostImpl host;
  /** The id this host gave a main-side end last (they count down); guarded by {@link #LOCK}. */
  private long lastMainId;
  /** The ends this host relays for, by id; guarded by {@link #LOCK}. */
  private final Map<Long, PortEnd> ends = new HashMap<>();

  PortTable(IpcHostImpl host) {
    this.host = host;
  }

  /** A new pair of main-side ports of no host, with a loop and codec of its own. */
  static MessagePortMain[] newPair() {
    PortEnd a = new PortEnd(new UnboundPair());
    PortEnd b = new PortEnd(a.unbound);
    synchronized (LOCK) {
      PortEnd.pair(a, b);
      return new MessagePortMain[] {new MainPort(a), new MainPort(b)};
    }
  }

  /** Makes an end and its peer this host's (with the lock); a pair of no host gets its ids here. */
  private void bind(PortEnd end) {
    if (end.table == this) {
      return;
    }
    for (PortEnd e : new PortEnd[] {end, end.peer}) {
      e.table = this;
      if (e.id == 0) {
        e.id = --lastMainId;
      }
      ends.put(e.id, e);
    }
  }

  /** Removes an end that nobody will name again (with the lock). */
  private static void forget(PortEnd end) {
    end.formerHolders = null; // nothing comes back for a port the host no longer knows
    if (end.table != null && end.table.ends.remove(end.id, end) && end.maker != null) {
      end.maker.portsKept--;
    }
  }

  /**
   * Delivers one message to {@code target}'s holder with the ports it carries, which move there (with the lock).
   * A message for a closed end is dropped, and so the ports it carried close. A message queued in a main-side port
   * counts against {@code account} (the renderer that sent it, or null for the main process) until it leaves the
   * queue; one that would take that port's queue, or the account, past its bound closes the port instead.
   */
  static void deliver(PortEnd target, byte[] payload, List<PortEnd> carried, PortTable via,
      QueuedPortBytes account) {
    if (target.closed || target.local == null && target.renderer == null) {
      drop(carried);
      return;
    }
    if (target.local != null) {
      MainPort to = target.local;
      if (to.inbox.overflowsWith(payload, target) || account != null && account.overflowsWith(payload, target)) {
        closeHere(target);
        deliver(target, payload, carried, via, account); // now closed: its ports close too
        return;
      }
      List<MessagePortMain> received = new ArrayList<>(carried.size());
      for (PortEnd c : carried) {
        received.add(toMainPort(c, target.table != null ? target.table : via));
      }
      to.inbox.add(new PortInbox.Entry<>(payload, received, account));
      return;
    }
    WebContentsImpl wc = target.renderer;
    if (PortRoom.lacksRoom(wc, target, payload.length, carried.size())) {
      closePeer(target.peer); // closes the end it was posted to: its renderer is told
      closePeer(target); // and the end it was posted on
      drop(carried);
      return;
    }
    target.sentToHolder++; // it may come back, once, if the renderer has given the port up meanwhile
    target.table.bindAll(carried);
    IpcPortMessageEvent.record(target.id, false, wc.id, payload.length);
    sendCarrying(wc, new Message.PortDeliver(target.id, ids(carried), payload), carried);
  }

  private void bindAll(List<PortEnd> carried) {
    for (PortEnd c : carried) {
      bind(c);
    }
  }

  /**
   * Sends {@code message} to {@code wc}, moving the ports it carries there first; then tells it which of them are
   * closed, and forwards what waited in their queues (with the lock).
   */
  private static void sendCarrying(WebContentsImpl wc, Message message, List<PortEnd> carried) {
    wc.link.toRenderer(message); // first: a message refused (too large to frame, say) leaves its ports here
    List<List<PortInbox.Entry<MessagePortMain>>> queued = new ArrayList<>(carried.size());
    for (PortEnd c : carried) {
      queued.add(detach(c));
      c.renderer = wc; // on its maker's account still: receiving a port costs a renderer nothing
    }
    for (int i = 0; i < carried.size(); i++) {
      PortEnd c = carried.get(i);
      if (c.closed) {
        wc.link.toRenderer(new Message.PortClosed(c.id));
      }
      for (PortInbox.Entry<MessagePortMain> entry : queued.get(i)) {
        deliver(c, entry.payload(), endsOf(entry.ports()), c.table, entry.account());
      }
    }
  }

  /** Takes an end from its holder: a main-side object is neutered and gives up its queue. */
  private static List<PortInbox.Entry<MessagePortMain>> detach(PortEnd end) {
    MainPort old = end.local;
    end.leaving();
    if (old == null) {
      return List.of();
    }
    end.local = null;
    old.transferred = true;
    return old.inbox.takeAll();
  }

  /** Gives an end to a new main-side object, with what waited for its old one (with the lock). */
  static MainPort toMainPort(PortEnd end, PortTable table) {
    List<PortInbox.Entry<MessagePortMain>> queued = detach(end);
    if (table != null) {
      table.bind(end);
    }
    MainPort port = new MainPort(end);
    for (PortInbox.Entry<MessagePortMain> entry : queued) {
      port.inbox.add(entry);
    }
    if (end.closed) {
      port.inbox.close(false);
      forget(end);
    }
    return port;
  }

  private static List<PortEnd> endsOf(List<MessagePortMain> ports) {
    List<PortEnd> ends = new ArrayList<>(ports.size());
    for (MessagePortMain p : ports) {
      ends.add(((MainPort) p).end);
    }
    return ends;
  }

  private static long[] ids(List<PortEnd> carried) {
    long[] ids = new long[carried.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = carried.get(i).id;
    }
    return ids;
  }

  /** Closes a main-side end here (its object's {@code close()}, or its queue overflowed), with the lock. */
  static void closeHere(PortEnd end) {
    end.closed = true;
    if (end.local != null) {
      end.local.inbox.close(true);
    }
    forget(end);
    closePeer(end);
  }

  /** The ports of a message that goes nowhere close (with the lock). */
  static void drop(List<PortEnd> carried) {
    for (PortEnd c : carried) {
      detach(c);
      closeEnd(c);
    }
  }

  /** Closes an end that no holder keeps (dropped with its message, or given up by its renderer), with the lock. */
  static void closeEnd(PortEnd end) {
    if (!end.closed) {
      end.closed = true;
      closePeer(end);
    }
    forget(end);
  }

  /** Tells the peer of a closed end: its object's close callbacks run, or its renderer is told. */
  private static void closePeer(PortEnd end) {
    PortEnd peer = end.peer;
    if (peer.closed) {
      return;
    }
    peer.closed = true;
    if (peer.local != null) {
      peer.local.inbox.close(false);
      forget(peer);
    } else if (peer.renderer != null) { // it names it until it answers with PORT_CLOSE
      peer.renderer.link.toRenderer(new Message.PortClosed(peer.id));
    } else {
      forget(peer);
    }
  }

  /** {@code webContents.postMessage} (or a frame's): the ports move to the renderer with the message. */
  void postToRenderer(WebContentsImpl wc, int frameId, String channel, Object message,
      List<MessagePortMain> transfer) {
    Args.channel(channel);
    TransferChecks.listOfPorts(transfer);
    if (wc.isDestroyed()) {
      throw new io.ipc4j.IpcDisconnectedException("Object has been destroyed");
    }
    sendToRenderer(wc, frameId, channel, host.values.encodeArgs(new Object[] {message}), transfer);
  }

  /**
   * What {@link #postToRenderer} does once it has checked the renderer and encoded the message. The renderer may have
   * been destroyed since: then the ports close and their peers are told, as when it goes just after the send.
   */
  void sendToRenderer(WebContentsImpl wc, int frameId, String channel, byte[] payload,
      List<MessagePortMain> transfer) {
    synchronized (LOCK) {
      List<PortEnd> carried = MainPort.checkTransfer(transfer, null);
      for (int i = 0; i < carried.size(); i++) {
        if (carried.get(i).table != null && carried.get(i).table != this) {
          throw new IllegalArgumentException("Port at index " + i + " belongs to another host.");
        }
      }
      // Checked again with the lock: a renderer is marked destroyed before rendererGone closes its ends under the
      // lock, so ports moved to it now are either closed by rendererGone or, it having run, dropped here.
      if (wc.isDestroyed()) {
        drop(carried);
        return;
      }
      bindAll(carried);
      io.ipc4j.internal.jfr.IpcMessageEvent.sent(channel, wc.id, frameId, payload.length);
      sendCarrying(wc, new Message.PostToRenderer(frameId, channel, ids(carried), payload), carried);
    }
  }

  /** A renderer's end is gone with it: every end it held closes, and their peers are told. */
  void rendererGone(WebContentsImpl wc) {
    synchronized (LOCK) {
      for (PortEnd end : new ArrayList<>(ends.values())) {
        if (end.renderer == wc) {
          end.renderer = null;
          closeEnd(end);
        }
      }
    }
  }

  /** The host closed: every main-side port of it closes too (after its renderers' ends did). */
  void hostClosed() {
    synchronized (LOCK) {
      for (PortEnd end : new ArrayList<>(ends.values())) {
        if (end.local != null) {
          closeHere(end);
        }
      }
      ends.clear();
    }
  }

  /** The end with this id, held by anyone, or null (with the lock). */
  PortEnd known(long id) {
    return ends.get(id);
  }

  /** The end a renderer names, which it must hold (with the lock); null means a protocol violation. */
  PortEnd held(WebContentsImpl from, long id) {
    PortEnd end = ends.get(id);
    return end != null && end.renderer == from ? end : null;
  }

  /** Adds a pair a renderer made (with the lock). */
  void addRendererPair(WebContentsImpl from, long id1, long id2) throws PortRelay.PortViolation {
    for (long id : new long[] {id1, id2}) {
      if (id >>> 32 != from.id || (int) id == 0 || ends.containsKey(id) || id1 == id2) {
        throw new PortRelay.PortViolation("it made a port with id " + id + ", which is not a new id of its own");
      }
    }
    if (from.portsKept + 2 > MAX_PORTS_PER_RENDERER) {
      throw new PortRelay.PortViolation("it made a pair while the pairs it made keep " + from.portsKept + " ports "
          + "open in the host, and the most is " + MAX_PORTS_PER_RENDERER + " (a pair counts until both of its ports "
          + "are closed, wherever they went: close the ports nobody uses)");
    }
    PortEnd a = new PortEnd(id1, from);
    PortEnd b = new PortEnd(id2, from);
    PortEnd.pair(a, b);
    a.table = this;
    b.table = this;
    a.renderer = from;
    b.renderer = from;
    a.holderHadPeer = true; // messages between them stay in the renderer
    b.holderHadPeer = true;
    from.portsKept += 2;
    ends.put(id1, a);
    ends.put(id2, b);
  }
}
