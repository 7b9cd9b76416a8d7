package io.ipc4j.internal;

import io.ipc4j.MessagePortMain;
import io.ipc4j.internal.codec.ValueCodec;
import java.util.List;
import java.util.Objects;

/**
 * A {@link MessagePortMain}: the main-side object that holds one {@link PortEnd}. A transfer neuters it (the end
 * gets a new holder), so a port object is used by one owner only, as in Electron.
 */
final class MainPort extends HeldPort<MessagePortMain> implements MessagePortMain {
  final PortEnd end;

  MainPort(PortEnd end) {
    super(PortTable.LOCK);
    this.end = end;
    end.local = this;
  }

  /** Runs on its host's main loop, or on its pair's own loop while the pair belongs to no host. */
  @Override
  void execute(Runnable task) {
    PortTable table;
    synchronized (PortTable.LOCK) {
      table = end.table;
    }
    if (table == null) {
      end.unbound.execute(task);
    } else {
      table.host.onMainLoop(task);
    }
  }

  /** The codec of its host, or its pair's of the built-in types while it belongs to none. */
  @Override
  ValueCodec values() {
    PortTable table;
    synchronized (PortTable.LOCK) {
      table = end.table;
    }
    return table == null ? end.unbound.values() : table.host.values;
  }

  @Override
  String name() {
    return end.toString();
  }

  @Override
  public void postMessage(Object message, List<MessagePortMain> transfer) {
    Objects.requireNonNull(transfer, "transfer");
    ensureHeld();
    byte[] payload = values().encodeValue(message);
    synchronized (PortTable.LOCK) {
      ensureHeld();
      List<PortEnd> carried = checkTransfer(transfer, this);
      if (end.closed) { // as in Electron: nothing happens, the ports stay with their owner
        return;
      }
      PortTable.deliver(end.peer, payload, carried, end.table, null); // counts against no renderer
    }
  }

  /**
   * The ends of ports the main process gives up, checked as Electron checks them (its texts); call with the lock.
   *
   * @param source the port they travel through, or null
   */
  static List<PortEnd> checkTransfer(List<MessagePortMain> transfer, MainPort source) {
    TransferChecks checks = TransferChecks.forList(transfer.size());
    PortEnd[] ends = new PortEnd[transfer.size()];
    for (int i = 0; i < ends.length; i++) {
      MainPort port = transfer.get(i) instanceof MainPort p ? p : null;
      checks.check(i, port, source, port != null && port.transferred, port != null && port.end.closed);
      if (source != null && source.end.table != null && port.end.table != null
          && source.end.table != port.end.table) {
        throw new IllegalArgumentException("Port at index " + i + " belongs to another host.");
      }
      ends[i] = port.end;
    }
    return List.of(ends);
  }

  @Override
  public void close() {
    synchronized (PortTable.LOCK) {
      if (transferred || end.closed) {
        return;
      }
      PortTable.closeHere(end);
    }
  }

  @Override
  public String toString() {
    long id = end.id;
    return "MessagePortMain[" + (id == 0 ? "no host" : id) + (transferred ? ", transferred" : "") + "]";
  }
}
