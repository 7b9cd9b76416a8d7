package io.ipc4j.internal;

import io.ipc4j.MessagePort;
import io.ipc4j.internal.codec.ValueCodec;
import java.util.List;
import java.util.Objects;

/**
 * A renderer's {@link MessagePort}: one port id this renderer holds. Its listeners run on the renderer's loop. A
 * message to a peer held by the same renderer stays here; any other goes to the host, which relays it.
 */
final class RendererPort extends HeldPort<MessagePort> implements MessagePort {
  final long id;
  final RendererPorts ports;
  /** The peer's object while this renderer holds it too, else null; guarded by the ports' lock. */
  RendererPort localPeer;
  /** Whether it was closed here, or its peer's close was learnt; guarded by the ports' lock. */
  boolean closed;

  RendererPort(long id, RendererPorts ports) {
    super(ports.lock);
    this.id = id;
    this.ports = ports;
  }

  /** Runs on its renderer's loop. */
  @Override
  void execute(Runnable task) {
    ports.context.runOnLoop(task);
  }

  @Override
  ValueCodec values() {
    return ports.context.values;
  }

  @Override
  String name() {
    return "port " + id;
  }

  @Override
  public void postMessage(Object message, List<MessagePort> transfer) {
    Objects.requireNonNull(transfer, "transfer");
    ensureHeld();
    ports.context.ensureOpen();
    byte[] payload = ports.context.values.encodeValue(message);
    synchronized (ports.lock) {
      ensureHeld();
      List<RendererPort> carried = checkTransfer(transfer, this, ports);
      if (closed) { // as in Electron: nothing happens, the ports stay with their owner
        return;
      }
      ports.post(this, payload, carried);
    }
  }

  /**
   * The ports a renderer gives up, checked as Electron checks them (its texts); call with the ports' lock.
   *
   * @param source the port they travel through, or null
   * @param owner the renderer's ports, which they must be
   */
  static List<RendererPort> checkTransfer(List<MessagePort> transfer, RendererPort source, RendererPorts owner) {
    TransferChecks checks = TransferChecks.forList(transfer.size());
    RendererPort[] carried = new RendererPort[transfer.size()];
    for (int i = 0; i < carried.length; i++) {
      RendererPort port = transfer.get(i) instanceof RendererPort p && p.ports == owner ? p : null;
      checks.check(i, port, source, port != null && port.transferred, port != null && port.closed);
      carried[i] = port;
    }
    return List.of(carried);
  }

  @Override
  public void close() {
    synchronized (ports.lock) {
      if (transferred || closed) {
        return;
      }
      ports.closeHere(this, true);
    }
  }

  @Override
  public String toString() {
    return "MessagePort[" + id + (transferred ? ", transferred" : "") + "]";
  }
}
