package io.ipc4j.internal;

import io.ipc4j.IpcPort;
import io.ipc4j.IpcRegistration;
import io.ipc4j.MessageEvent;
import io.ipc4j.internal.codec.ValueCodec;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a port object is on either side ({@link MainPort} in the main process, {@link RendererPort} in a renderer):
 * usable by its holder until it is transferred, with an inbox that its listeners, queue and close callbacks live
 * in. Each side says where its deliveries run, how its messages decode, and how it posts and closes.
 *
 * @param <P> the kind of port its messages carry
 */
abstract class HeldPort<P extends IpcPort<P>> implements IpcPort<P> {
  final PortInbox<P> inbox;
  /** Whether it was given away; guarded by its side's lock, read without it for a fast check. */
  volatile boolean transferred;

  HeldPort(Object lock) {
    this.inbox = new PortInbox<>(lock, this);
  }

  /** Runs a delivery task on the port's loop. */
  abstract void execute(Runnable task);

  /** The codec its messages are decoded with. */
  abstract ValueCodec values();

  /** The port, for messages and logs ("port 12"). */
  abstract String name();

  /** Throws if it was transferred: it belongs to its receiver then. */
  final void ensureHeld() {
    if (transferred) {
      throw new IllegalStateException("This port was transferred: it belongs to its receiver now and can no longer "
          + "be used here (" + name() + ")");
    }
  }

  /**
   * Posts {@code message} with no ports.
   *
   * @param message the value to post
   */
  public final void postMessage(Object message) {
    postMessage(message, List.of());
  }

  /**
   * Adds a listener of the messages it receives.
   *
   * @param listener called with each message, on the port's loop
   * @return removes the listener
   */
  public final IpcRegistration onMessage(Consumer<MessageEvent<P>> listener) {
    Objects.requireNonNull(listener, "listener");
    ensureHeld();
    return inbox.onMessage(listener);
  }

  /** Starts delivery of the messages it receives, those queued first. */
  public final void start() {
    ensureHeld();
    inbox.start();
  }

  /**
   * Adds a callback run once when it or its peer closes.
   *
   * @param callback run on the port's loop
   * @return removes the callback
   */
  public final IpcRegistration onClose(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    ensureHeld();
    return inbox.onClose(callback);
  }
}
