package io.ipc4j;

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
public interface MessagePort extends IpcPort<MessagePort> {}
