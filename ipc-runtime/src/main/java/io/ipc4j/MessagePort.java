package io.ipc4j;

import java.util.List;
import java.util.function.Consumer;

/**
 * A renderer's end of a message channel, as the DOM {@code MessagePort} Electron gives a renderer: received in
 * {@link IpcRendererEvent#ports()} or in a {@link MessageEvent#ports()}, or made with
 * {@link IpcRenderer#createMessageChannel()}.
 *
 * <pre>{@code
 * ipcRenderer.on("port", (event, args) -> {
 *   MessagePort port = event.ports().get(0);
 *   port.onMessage(message -> port.postMessage("echo: " + message.data()));
 *   port.start();
 * });
 * }</pre>
 *
 * <p>Messages that arrive before {@link #start()} are queued and delivered in order once it is called. Listeners run
 * on the renderer's event loop, one message at a time, in the order the peer posted them. When the peer is in
 * another process (the main process, or another renderer), the host relays each message: renderers never connect to
 * each other.
 *
 * <p>Once transferred, a port belongs to its receiver: {@code postMessage}, {@code start}, {@code onMessage} and
 * {@code onClose} on this object throw {@link IllegalStateException}. Posting on a closed port, or on one whose peer
 * closed, does nothing (as in Electron).
 */
public interface MessagePort {
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
   * {@link MessageEvent#ports()}, and they can no longer be used here.
   *
   * @param message the value; must have a codec
   * @param transfer the ports to give up, at most 64; none closed, transferred, repeated or this port itself
   * @throws IllegalArgumentException if {@code transfer} names a port it may not (the message says which, in
   *     Electron's words: {@code Port at index 1 is a duplicate.})
   * @throws IllegalStateException if this port was transferred
   */
  void postMessage(Object message, List<MessagePort> transfer);

  /**
   * Adds a listener for this port's messages. Nothing is delivered until {@link #start()}.
   *
   * @param listener called with each message, on the renderer's event loop
   * @return a registration whose {@code close()} removes this listener
   * @throws IllegalStateException if this port was transferred
   */
  IpcRegistration onMessage(Consumer<MessageEvent<MessagePort>> listener);

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
   * holding its peer went away, or this renderer or its host closed.
   *
   * @param callback run on the renderer's event loop
   * @return a registration whose {@code close()} removes the callback
   * @throws IllegalStateException if this port was transferred
   */
  IpcRegistration onClose(Runnable callback);
}
