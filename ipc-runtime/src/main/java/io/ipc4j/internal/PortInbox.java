package io.ipc4j.internal;

import io.ipc4j.IpcPort;
import io.ipc4j.IpcRegistration;
import io.ipc4j.MessageEvent;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What arrives at one port object, main-side or renderer-side: the messages queued until {@link #start()}, the
 * listeners they go to, and the close callbacks. Deliveries run as tasks of the port's loop
 * ({@link HeldPort#execute}), a batch at a time, never two at once, in arrival order; a close comes after the
 * messages that arrived before it.
 * Its state is guarded by the lock of the side it belongs to, so that a transfer can take its queue atomically.
 *
 * @param <P> the kind of port its messages carry
 */
final class PortInbox<P extends IpcPort<P>> {
  private static final System.Logger LOG = Log.IPC4J;
  /** How many messages one task delivers before it lets the loop run other work. */
  private static final int BATCH = 64;
  /** What each queued message costs beyond its payload, for the queue's bound. */
  static final int ENTRY_COST = 64;
  /** The most bytes that may wait in one port's queue, on either side. */
  static final long MAX_QUEUED_BYTES = 32L << 20;

  /**
   * One message: its encoded value, the port objects it carried (made when it arrived), and the renderer whose
   * account it counts against while it waits in a main-side queue ({@link QueuedPortBytes}), or null.
   */
  record Entry<P>(byte[] payload, List<P> ports, QueuedPortBytes account) {
    /** A message that counts against no renderer. */
    Entry(byte[] payload, List<P> ports) {
      this(payload, ports, null);
    }

    long cost() {
      return payload.length + ENTRY_COST;
    }
  }

  private final Entry<P> closeMarker = new Entry<>(new byte[0], List.of());
  private final Object lock;
  private final HeldPort<P> port;
  private final ArrayDeque<Entry<P>> queue = new ArrayDeque<>();
  private final List<Consumer<MessageEvent<P>>> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> closeCallbacks = new ArrayList<>();
  private boolean started;
  private boolean draining;
  private boolean closed;
  private boolean closeFired;
  private long queuedBytes;

  PortInbox(Object lock, HeldPort<P> port) {
    this.lock = lock;
    this.port = port;
  }

  private void execute(Runnable task) {
    port.execute(task);
  }

  /** Queues a message (dropped once closed) and starts a delivery if the port is started and none runs. */
  void add(Entry<P> entry) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      queue.add(entry);
      queuedBytes += entry.cost();
      if (entry.account() != null) {
        entry.account().add(entry.cost());
      }
      scheduleIfIdle();
    }
  }

  /**
   * Whether a message of {@code payload} bytes would take the queue past {@link #MAX_QUEUED_BYTES} (the payloads and
   * {@link #ENTRY_COST} each); if so, a warning naming {@code port} says so, and its holder closes the port rather
   * than let whoever posts fill this process's memory through a port nobody reads. Either side, the same bound.
   */
  boolean overflowsWith(byte[] payload, Object port) {
    synchronized (lock) {
      if (queuedBytes + payload.length + ENTRY_COST <= MAX_QUEUED_BYTES) {
        return false;
      }
    }
    LOG.log(Level.WARNING, "ipc4j: closing {0}: more than {1} bytes wait in its queue (is it started?)", port,
        MAX_QUEUED_BYTES);
    return true;
  }

  /** Takes every queued message away (the port is being transferred: they go with it). */
  List<Entry<P>> takeAll() {
    synchronized (lock) {
      List<Entry<P>> taken = new ArrayList<>(queue.size());
      for (Entry<P> e : queue) {
        if (e != closeMarker) {
          taken.add(e);
          left(e);
        }
      }
      queue.clear();
      queuedBytes = 0;
      return taken;
    }
  }

  void start() {
    synchronized (lock) {
      started = true;
      scheduleIfIdle();
    }
  }

  IpcRegistration onMessage(Consumer<MessageEvent<P>> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  IpcRegistration onClose(Runnable callback) {
    synchronized (lock) {
      if (closeFired) { // too late to wait for it: it runs now, on the port's loop, as it would have
        execute(callback);
        return () -> {};
      }
      closeCallbacks.add(callback);
    }
    return () -> {
      synchronized (lock) {
        closeCallbacks.remove(callback);
      }
    };
  }

  boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * Closes the inbox: later messages are dropped and the close callbacks run once. A local close drops what is
   * queued, and the ports those messages carried close (as those of any message that goes nowhere); a peer's close
   * lets a started port deliver it first. Idempotent.
   */
  void close(boolean local) {
    List<P> carried = new ArrayList<>(0);
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (local) {
        queue.forEach(entry -> {
          carried.addAll(entry.ports());
          left(entry);
        });
        queue.clear();
        queuedBytes = 0;
      }
      if (started) {
        queue.add(closeMarker);
        scheduleIfIdle();
      } else {
        execute(this::fireClose);
      }
    }
    carried.forEach(IpcPort::close);
  }

  /** A message left the queue (the lock held): it no longer counts against its renderer. */
  private static void left(Entry<?> entry) {
    if (entry.account() != null) {
      entry.account().remove(entry.cost());
    }
  }

  private void scheduleIfIdle() {
    if (started && !draining && !queue.isEmpty()) {
      draining = true;
      execute(this::drain);
    }
  }

  private void drain() {
    for (int i = 0; i < BATCH; i++) {
      Entry<P> entry;
      synchronized (lock) {
        entry = queue.poll();
        if (entry == null) {
          draining = false;
          return;
        }
        if (entry != closeMarker) {
          queuedBytes -= entry.cost();
          left(entry);
        }
      }
      if (entry == closeMarker) {
        fireClose();
      } else {
        deliver(entry);
      }
    }
    execute(this::drain); // still draining: the next batch, after what else the loop has to do
  }

  /**
   * Runs the listeners with one message. The ports of a message that reaches no listener (it cannot be decoded, or
   * the port has none) close, as those of any message that goes nowhere, so that their peers learn it.
   */
  private void deliver(Entry<P> entry) {
    Object data;
    try {
      data = port.values().decodeValue(entry.payload());
    } catch (Throwable e) { // an Error too: it belongs to this message, not to the loop
      Failures.log(Level.ERROR, "ipc4j: a message for " + port.name() + " could not be decoded and was dropped",
          e);
      entry.ports().forEach(IpcPort::close);
      return;
    }
    if (listeners.isEmpty()) {
      entry.ports().forEach(IpcPort::close);
      return;
    }
    MessageEvent<P> event = new MessageEvent<>(data, entry.ports());
    for (Consumer<MessageEvent<P>> listener : listeners) {
      try {
        listener.accept(event);
      } catch (Throwable t) {
        LOG.log(Level.WARNING, "Error occurred in message listener of " + port.name(), t);
      }
    }
  }

  private void fireClose() {
    List<Runnable> callbacks;
    synchronized (lock) {
      closeFired = true;
      callbacks = new ArrayList<>(closeCallbacks);
      closeCallbacks.clear();
    }
    for (Runnable callback : callbacks) {
      try {
        callback.run();
      } catch (Throwable t) {
        LOG.log(Level.WARNING, "Error occurred in close callback of " + port.name(), t);
      }
    }
  }
}
