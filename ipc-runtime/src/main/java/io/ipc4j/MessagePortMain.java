package io.ipc4j;

import java.util.List;

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
 * <p>Messages that arrive before {@link #start()} are queued and delivered in order once it is called. A queue holds
 * at most 32 MiB, and the messages one renderer posted count, over all such queues of its host, toward that
 * renderer's {@link IpcHost.Builder#maxOutboundBytes}: a message past either bound closes the port it arrives at
 * (both ends' close callbacks run) and a warning says why. Start the ports you keep, or close them. Likewise a
 * message posted to a port whose peer a renderer holds closes the port if more than half of that renderer's
 * {@code maxOutboundBytes} already waits to be written to it. Listeners run
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
public interface MessagePortMain extends IpcPort<MessagePortMain> {}
