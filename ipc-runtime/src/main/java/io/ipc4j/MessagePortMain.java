package io.ipc4j;

import java.util.List;
import java.util.function.Consumer;

/**
 * The main process's end of a message channel, as Electron's {@code MessagePortMain}: made by
 * {@link MessageChannelMain}, or received from a renderer in {@link IpcMainEvent#ports()} or in a
 * {@link MessageEvent#ports()}.
 *
 * <pre>{@code
 * MessageChannelMain channel = new MessageChannelMain();
 * channel.port1().onMessage(event -> System.out.println("renderer says " + event.data()));
 * channel.port1().start();
 * webContents.postMessage("port", null, List.of(channel.port2()));   // the renderer gets port2
 * }</pre>
 *
 * <p>Messages that arrive before {@link #start()} are queued and delivered in order once it is called. Listeners run
 * on the host's main loop, one message at a time, in the order the peer posted them. A pair made by
 * {@code new MessageChannelMain()} belongs to no host until one of its ports is transferred through one; until then
 * the pair has a loop of its own, which runs its listeners and close callbacks one at a time, in order, as tasks of
 * {@link java.util.concurrent.ForkJoinPool#commonPool()} (so an idle pair holds no thread; like any listener, these
 * should not block), and its messages use the built-in value types only (a host's record and enum codecs apply
 * once the pair belongs to that host). Pairs share nothing with each other.
 *
 * <p>Once transferred (with {@link WebContents#postMessage} or {@link #postMessage(Object, List)}), a port belongs
 * to its receiver: {@code postMessage}, {@code start}, {@code onMessage} and {@code onClose} on this object throw
 * {@link IllegalStateException}. Posting on a closed port, or on one whose peer closed, does nothing (as in
 * Electron).
 */
public interface MessagePortMain {
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
  void postMessage(Object message, List<MessagePortMain> transfer);

  /**
   * Adds a listener for this port's messages. Nothing is delivered until {@link #start()}.
   *
   * @param listener called with each message, on the main loop (or on its pair's own loop for a pair of no host)
   * @return a registration whose {@code close()} removes this listener
   * @throws IllegalStateException if this port was transferred
   */
  IpcRegistration onMessage(Consumer<MessageEvent<MessagePortMain>> listener);

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
   * holding its peer went away (a renderer closed, crashed or was killed, or the host closed).
   *
   * @param callback run on the main loop (or on its pair's own loop for a pair of no host)
   * @return a registration whose {@code close()} removes the callback
   * @throws IllegalStateException if this port was transferred
   */
  IpcRegistration onClose(Runnable callback);
}
