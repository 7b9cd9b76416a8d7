package io.ipc4j.internal;

import io.ipc4j.MessagePortMain;
import io.ipc4j.internal.jfr.IpcPortMessageEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What a renderer's port frames do in the host, on the main loop: each names ports that renderer must hold (see
 * {@link PortTable}); one that names another's, or breaks the rules of ports otherwise, is a
 * {@link PortViolation}, and its renderer is disconnected like any that sends a bad frame. Nothing it
 * names is touched then.
 */
final class PortRelay {
  private PortRelay() {}

  /** The ends of ports a renderer gives up, which must be its own and distinct (with the lock). */
  private static List<PortEnd> heldAll(PortTable table, WebContentsImpl from, long[] ids, long source)
      throws PortViolation {
    List<PortEnd> carried = new ArrayList<>(ids.length);
    for (long id : ids) {
      PortEnd end = table.held(from, id);
      if (end == null) {
        throw new PortViolation("it transferred port " + id + ", which it does not hold");
      } else if (id == source) {
        throw new PortViolation("it transferred port " + id + " through itself");
      } else if (carried.contains(end)) {
        throw new PortViolation("it transferred port " + id + " twice in one message");
      }
      carried.add(end);
    }
    return carried;
  }

  /** Whether {@code message} is a port frame this class handles. */
  static boolean takes(Message message) {
    return message instanceof Message.PortChannel || message instanceof Message.PortPost
        || message instanceof Message.PortClose || message instanceof Message.PortReturn;
  }

  /** Handles a port frame from {@code from}. */
  static void receive(WebContentsImpl from, Message message) throws PortViolation {
    PortTable table = from.ports();
    synchronized (PortTable.LOCK) {
      if (!(message instanceof Message.PortReturn)) {
        from.portFrames++;
      }
      if (message instanceof Message.PortChannel m) {
        table.addRendererPair(from, m.port1(), m.port2());
      } else if (message instanceof Message.PortPost m) {
        PortEnd source = table.held(from, m.portId());
        if (source == null) {
          throw new PortViolation("it posted on port " + m.portId() + ", which it does not hold");
        }
        List<PortEnd> carried = heldAll(table, from, m.transfer(), m.portId());
        IpcPortMessageEvent.record(m.portId(), true, from.id, m.payload().length);
        // A closed peer drops it, and its ports.
        PortTable.deliver(source.peer, m.payload(), carried, table, from.queuedPortBytes);
      } else if (message instanceof Message.PortClose m) {
        PortEnd end = table.held(from, m.portId());
        if (end == null && table.known(m.portId()) == null) {
          return; // already closed and forgotten here: its close crossed ours (or the host's) on the wire
        }
        if (end == null) {
          throw new PortViolation("it closed port " + m.portId() + ", which it does not hold");
        }
        end.renderer = null;
        PortTable.closeEnd(end);
      } else if (message instanceof Message.PortReturn m) {
        returned(table, from, m);
      }
    }
  }

  /**
   * A message that reached {@code from} after it gave its port away: it goes on to the port's new holder, if
   * {@code from} may hand it back ({@link FormerHolder}); one more is made up, and breaks the protocol.
   */
  private static void returned(PortTable table, WebContentsImpl from, Message.PortReturn m)
      throws PortViolation {
    List<PortEnd> carried = heldAll(table, from, m.transfer(), m.portId());
    PortEnd end = table.known(m.portId());
    if (end == null) { // closed and forgotten meanwhile: the message goes nowhere
      PortTable.drop(carried);
      return;
    }
    FormerHolder former = end.formerHolder(from);
    if (end.renderer == from || former == null) {
      throw new PortViolation("it handed back a message for port " + m.portId() + ", which it never gave "
          + "away");
    }
    if (!former.takes(m.payload().length, from.portFrames)) {
      throw new PortViolation("it handed back more messages for port " + m.portId() + " than the host sent it for "
          + "that port (PORT_RETURN is for the messages that reached it, or waited in its queue, after it gave the "
          + "port away)");
    }
    PortTable.deliver(end, m.payload(), carried, table, from.queuedPortBytes); // it sent these bytes
  }

  /**
   * The ports of an {@code ipcRenderer.postMessage}, which move to the main process: new {@link MessagePortMain}s,
   * in the order listed.
   */
  static List<MessagePortMain> toMain(WebContentsImpl from, Message.PostMessage m) throws PortViolation {
    PortTable table = from.ports();
    synchronized (PortTable.LOCK) {
      from.portFrames++;
      List<PortEnd> carried = heldAll(table, from, m.transfer(), 0);
      List<MessagePortMain> ports = new ArrayList<>(carried.size());
      for (PortEnd end : carried) {
        ports.add(PortTable.toMainPort(end, table));
      }
      return ports;
    }
  }

  /** A renderer broke the rules of ports: it is disconnected, as for any other bad frame. */
  static final class PortViolation extends Exception {
    private static final long serialVersionUID = 1L;

    PortViolation(String reason) {
      super(reason, null, false, false);
    }
  }
}
