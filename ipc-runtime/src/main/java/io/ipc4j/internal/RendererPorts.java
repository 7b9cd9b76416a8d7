package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.MessageChannel;
import io.ipc4j.MessagePort;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One renderer's MessagePorts: the ids it holds, by id, and what it does with the host's port messages. Its ids
 * carry the renderer's id in their high 32 bits, so that the host can check a new pair's ids without a round trip.
 * The host's port messages are taken where they arrive (a port they carry is this renderer's from then on, before
 * any later message names it); only their listeners run on the loop.
 */
final class RendererPorts {
  private static final System.Logger LOG = Log.IPC4J;

  final RendererContext context;
  final Object lock = new Object();
  private final Map<Long, RendererPort> held = new HashMap<>();
  private int rendererId;
  private int lastId;

  RendererPorts(RendererContext context) {
    this.context = context;
  }

  /** Learns the renderer's id, which the host gave it. */
  void rendererId(int id) {
    synchronized (lock) {
      rendererId = id;
    }
  }

  /** {@code ipcRenderer.createMessageChannel()}: a pair both held here, which the host is told of. */
  MessageChannel createChannel() {
    context.ensureOpen();
    synchronized (lock) {
      if (rendererId == 0) {
        throw new IpcDisconnectedException("This renderer is not connected to a host");
      }
      RendererPort a = newPort(((long) rendererId << 32) | (++lastId & 0xffffffffL));
      RendererPort b = newPort(((long) rendererId << 32) | (++lastId & 0xffffffffL));
      a.localPeer = b;
      b.localPeer = a;
      context.toMain(new Message.PortChannel(a.id, b.id));
      return new MessageChannel(a, b);
    }
  }

  private RendererPort newPort(long id) {
    RendererPort port = new RendererPort(id, this);
    held.put(id, port);
    return port;
  }

  /** Posts on {@code from} (with the lock): to its peer here if it is here, else through the host. */
  void post(RendererPort from, byte[] payload, List<RendererPort> carried) {
    RendererPort peer = from.localPeer;
    if (peer != null) {
      List<MessagePort> moved = new ArrayList<>(carried.size());
      for (RendererPort port : carried) {
        moved.add(moveHere(port));
      }
      peer.inbox.add(new PortInbox.Entry<>(payload, moved));
      return;
    }
    context.toMain(new Message.PortPost(from.id, ids(carried), payload)); // refused, it leaves its ports here
    handBack(carried, detachAll(carried));
  }

  /** {@code ipcRenderer.postMessage}: the ports go to the main process with the message. */
  void postToMain(int frameId, String channel, Object message, List<MessagePort> transfer) {
    Args.channel(channel);
    TransferChecks.listOfPorts(transfer);
    context.ensureOpen();
    byte[] payload = context.values.encodeArgs(new Object[] {message});
    synchronized (lock) {
      List<RendererPort> carried = RendererPort.checkTransfer(transfer, null, this);
      context.toMain(new Message.PostMessage(frameId, channel, ids(carried), payload)); // refused: ports stay
      handBack(carried, detachAll(carried));
    }
  }

  /** A port given to a port of this same renderer: a new object for the same id (the old one is neutered). */
  private RendererPort moveHere(RendererPort port) {
    List<PortInbox.Entry<MessagePort>> queued = port.inbox.takeAll();
    port.transferred = true;
    RendererPort moved = newPort(port.id);
    moved.localPeer = port.localPeer;
    if (port.localPeer != null) {
      port.localPeer.localPeer = moved;
    }
    for (PortInbox.Entry<MessagePort> entry : queued) {
      moved.inbox.add(entry);
    }
    return moved;
  }

  private List<List<PortInbox.Entry<MessagePort>>> detachAll(List<? extends MessagePort> carried) {
    List<List<PortInbox.Entry<MessagePort>>> queued = new ArrayList<>(carried.size());
    for (MessagePort p : carried) {
      RendererPort port = (RendererPort) p;
      port.transferred = true;
      held.remove(port.id);
      if (port.localPeer != null) {
        port.localPeer.localPeer = null;
        port.localPeer = null;
      }
      queued.add(port.inbox.takeAll());
    }
    return queued;
  }

  /** What waited in the queues of ports just given away goes back to the host, for their new holders. */
  private void handBack(List<? extends MessagePort> carried, List<List<PortInbox.Entry<MessagePort>>> queued) {
    for (int i = 0; i < carried.size(); i++) {
      long id = ((RendererPort) carried.get(i)).id;
      for (PortInbox.Entry<MessagePort> entry : queued.get(i)) {
        List<List<PortInbox.Entry<MessagePort>>> inner = detachAll(entry.ports());
        context.toMain(new Message.PortReturn(id, ids(entry.ports()), entry.payload()));
        handBack(entry.ports(), inner);
      }
    }
  }

  private static long[] ids(List<? extends MessagePort> ports) {
    long[] ids = new long[ports.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = ((RendererPort) ports.get(i)).id;
    }
    return ids;
  }

  /** Closes a port held here (with the lock): the host is told, and its close callbacks run. */
  void closeHere(RendererPort port, boolean local) {
    port.closed = true;
    held.remove(port.id);
    if (port.localPeer != null) { // the peer learns it from the host, as a peer elsewhere would
      port.localPeer.localPeer = null;
      port.localPeer = null;
    }
    try {
      context.toMain(new Message.PortClose(port.id));
    } catch (RuntimeException e) { // the host is gone: it has forgotten the port already
      LOG.log(Level.DEBUG, "ipc4j: the close of port {0} could not be sent", String.valueOf(port.id));
    }
    port.inbox.close(local);
  }

  /** The ports a host message carries, held here from now on. */
  List<MessagePort> arrived(long[] ids) {
    synchronized (lock) {
      List<MessagePort> ports = new ArrayList<>(ids.length);
      for (long id : ids) {
        ports.add(newPort(id));
      }
      return ports;
    }
  }

  /** A message from the host for a port: queued there, or handed back if this renderer gave the port away. */
  void deliver(Message.PortDeliver message) {
    synchronized (lock) {
      RendererPort port = held.get(message.portId());
      if (port == null) {
        try {
          context.toMain(new Message.PortReturn(message.portId(), message.transfer(), message.payload()));
        } catch (RuntimeException e) {
          LOG.log(Level.DEBUG, "ipc4j: a message for port {0} could not be handed back",
              String.valueOf(message.portId()));
        }
        return;
      }
      if (port.inbox.overflowsWith(message.payload(), "port " + port.id)) {
        // The message goes back to the host, which drops it and closes its ports.
        closeHere(port, true);
        deliver(message);
        return;
      }
      port.inbox.add(new PortInbox.Entry<>(message.payload(), arrived(message.transfer())));
    }
  }

  /** The host says a port's peer closed: it closes here too, and the host is told it was heard. */
  void peerClosed(long id) {
    synchronized (lock) {
      RendererPort port = held.get(id);
      if (port != null) {
        closeHere(port, false);
      }
    }
  }

  /** The renderer closed: every port it holds closes (the host closes their ends with the renderer's). */
  void contextClosed() {
    synchronized (lock) {
      for (RendererPort port : held.values()) {
        port.closed = true;
        port.localPeer = null;
        port.inbox.close(false);
      }
      held.clear();
    }
  }
}
