package io.ipc4j;

import java.util.List;
import java.util.function.Consumer;

/**
 * Either end of a message channel: what a renderer's {@link MessagePort} and the main process's
 * {@link MessagePortMain} share, so that code can serve both kinds of port.
 *
 * <pre>{@code
 * static <P extends IpcPort<P>> void echo(P port) {
 *   port.onMessage(message -> port.postMessage(message.data()));
 *   port.start();
 * }
 * }</pre>
 *
 * <p>Listeners and callbacks run on the loop of the side that holds the port: a renderer's event loop for a
 * {@code MessagePort}, the host's main loop for a {@code MessagePortMain} (see there for a pair that belongs to no
 * host yet).
 *
 * @param <P> the kind of port: {@link MessagePort} or {@link MessagePortMain}
 */
public interface IpcPort<P extends IpcPort<P>> {
  /**
   * Posts {@code message} to the other end of the channel; does nothing if this port or its peer is closed.
   *
   * @param message the value; must have a codec
   * @throws IpcCloneException if the value has no codec; nothing is sent
   * @throws IllegalStateException if this port was transferred
   */
  void postMessage(Object message);

  /**
   * Posts {@code message} and transfers {@code transfer} with it: the receiver gets them in
   * {@link MessageEvent#ports()}, and they can no longer be used here. If the message reaches no listener (the
   * receiving port has none when it is delivered, or cannot decode it), or its receiving port is closed, the ports
   * close and their peers' {@code onClose} callbacks run.
   *
   * @param message the value; must have a codec
   * @param transfer the ports to give up, at most 64; none closed, transferred, repeated or this port itself
   * @throws IllegalArgumentException if {@code transfer} names a port it may not (the message says which, in
   *     Electron's words: {@code Port at index 1 is a duplicate.})
   * @throws IllegalStateException if this port was transferred
   */
  void postMessage(Object message, List<P> transfer);

  /**
   * Adds a listener for this port's messages. Nothing is delivered until {@link #start()}.
   *
   * @param listener called with each message, on the loop of the side that holds this port
   * @return a registration whose {@code close()} removes this listener
   * @throws IllegalStateException if this port was transferred
   */
  IpcRegistration onMessage(Consumer<MessageEvent<P>> listener);

  /**
   * Starts delivering messages, those queued first. Idempotent.
   *
   * @throws IllegalStateException if this port was transferred
   */
  void start();

  /**
   * Closes this port: its peer's {@code onClose} callbacks run (in whichever process holds it), and so do this
   * port's. Idempotent; does nothing on a transferred port.
   */
  void close();

  /**
   * Adds a callback run once when this port closes: by {@link #close()}, by its peer's, or because the process
   * holding its peer went away (a renderer closed, crashed or was killed), or the renderer or host holding this port
   * closed.
   *
   * @param callback run on the loop of the side that holds this port
   * @return a registration whose {@code close()} removes the callback
   * @throws IllegalStateException if this port was transferred
   */
  IpcRegistration onClose(Runnable callback);
}
