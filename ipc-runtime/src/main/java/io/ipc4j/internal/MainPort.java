package io.ipc4j.internal;

import io.ipc4j.IpcRegistration;
import io.ipc4j.MessageEvent;
import io.ipc4j.MessagePortMain;
import io.ipc4j.internal.codec.ValueCodec;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link MessagePortMain}: the main-side object that holds one {@link PortEnd}. A transfer neuters it (the end
 * gets a new holder), so a port object is used by one owner only, as in Electron.
 */
final class MainPort implements MessagePortMain {
  final PortEnd end;
  final PortInbox<MessagePortMain> inbox;
  /** Whether it was given away; guarded by {@link PortTable#LOCK}, read without it for a fast check. */
  volatile boolean transferred;

  MainPort(PortEnd end) {
    this.end = end;
    end.local = this;
    this.inbox = new PortInbox<>(PortTable.LOCK) {
      @Override
      void execute(Runnable task) {
        PortTable table;
        synchronized (PortTable.LOCK) {
          table = end.table;
        }
        if (table == null) {
          PortTable.unboundLoop().execute(task);
        } else {
          table.host.onMainLoop(task);
        }
      }

      @Override
      ValueCodec values() {
        return MainPort.this.values();
      }

      @Override
      String name() {
        return end.toString();
      }
    };
  }

  /** The codec of its host, or the built-in types' while it belongs to none. */
  ValueCodec values() {
    PortTable table;
    synchronized (PortTable.LOCK) {
      table = end.table;
    }
    return table == null ? PortTable.UNBOUND_VALUES : table.host.values;
  }

  private void ensureHeld() {
    if (transferred) {
      throw new IllegalStateException("This port was transferred: it belongs to its receiver now and can no longer "
          + "be used here (" + end + ")");
    }
  }

  @Override
  public void postMessage(Object message) {
    postMessage(message, List.of());
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
      PortTable.deliver(end.peer, payload, carried, end.table);
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
  public IpcRegistration onMessage(Consumer<MessageEvent<MessagePortMain>> listener) {
    Objects.requireNonNull(listener, "listener");
    ensureHeld();
    return inbox.onMessage(listener);
  }

  @Override
  public void start() {
    ensureHeld();
    inbox.start();
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
  public IpcRegistration onClose(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    ensureHeld();
    return inbox.onClose(callback);
  }

  @Override
  public String toString() {
    return "MessagePortMain[" + end.id + (transferred ? ", transferred" : "") + "]";
  }
}
