package io.ipc4j;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * What the main process sends to, calls and streams from in a renderer: one frame, which a {@link WebFrameMain}
 * names and a {@link WebContents} takes to be its renderer's main frame. Code that works with either can take an
 * {@code IpcTarget}.
 *
 * <pre>{@code
 * static void notifySaved(IpcTarget target, Note note) {   // a window, or one frame of it
 *   target.send("notes:saved", note);
 * }
 * }</pre>
 */
public interface IpcTarget {
  /**
   * Sends a message to the frame's {@link IpcRenderer} listeners.
   *
   * @param channel the channel
   * @param args the arguments
   * @throws IpcCloneException if an argument has no codec; nothing is sent (Electron only logs; ipc4j never drops
   *     data silently)
   * @throws IpcDisconnectedException with {@code Object has been destroyed} if the renderer is gone
   */
  void send(String channel, Object... args);

  /**
   * Calls the handler that the frame registered with {@link IpcRenderer#handle} for {@code channel}, with the host's
   * default deadline.
   *
   * <p>The future completes with the handler's result (a {@code CompletionStage} it returns is waited for), or
   * fails with {@link IpcInvokeException} ({@code Error invoking remote method '<channel>': <remote exception>}: the
   * handler threw, or there is none), {@link IpcTimeoutException} (the deadline passed; a later answer is dropped),
   * {@link IpcDisconnectedException} (the renderer is destroyed, or goes, or the host closes) or
   * {@link IpcCloneException} (an argument has no codec; nothing is sent). It never throws itself. Its callbacks run
   * on the main event loop. Blocking on it ({@code join}, {@code get}) from the main loop fails at once with an
   * {@link IpcException}: a handler returns the future instead, and its caller gets the answer.
   *
   * <p>Cancelling the future ({@code cancel(true)}) abandons the call, and so does its deadline passing: the renderer
   * is told, its handler's {@link IpcRendererEvent#isCancelled()} turns true and a {@code CompletableFuture} the
   * handler returned is cancelled; an answer that comes later is dropped. The handler sees the deadline as
   * {@link IpcRendererEvent#deadline()}.
   *
   * @param channel the channel
   * @param args the arguments
   * @return the answer, later
   */
  CompletableFuture<Object> invoke(String channel, Object... args);

  /**
   * {@link #invoke} with its own deadline, which the renderer's handler sees as {@link IpcRendererEvent#deadline()}.
   *
   * @param timeout the deadline for this call; must be positive
   * @param channel the channel
   * @param args the arguments
   * @return the answer, later
   */
  CompletableFuture<Object> invokeWithTimeout(Duration timeout, String channel, Object... args);

  /**
   * Streams the items of the frame's renderer handler on {@code channel} (one registered with
   * {@link IpcRenderer#handle} that returns a {@link Flow.Publisher}), as {@link IpcRenderer#stream} does the other
   * way round: each {@code subscribe} starts one call, items flow only as requested, {@code cancel} cancels the
   * handler's publisher, and every signal reaches the subscriber on the main event loop, one at a time. It ends with
   * {@code onError}: an {@link IpcInvokeException} when the handler fails or there is none, an
   * {@link IpcDisconnectedException} when the renderer goes or the host closes. A stream has no deadline.
   *
   * <pre>{@code
   * // renderer: ipcRenderer.handle("edits:watch", (event, args) -> editor.edits());
   * window.stream("edits:watch").subscribe(new Flow.Subscriber<Object>() {
   *   public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
   *   public void onNext(Object edit) { autosave(edit); }
   *   public void onError(Throwable failure) { log(failure); }
   *   public void onComplete() {}
   * });
   * }</pre>
   *
   * @param channel the channel
   * @param args the arguments the handler gets, each encodable by the value codec
   * @return a cold publisher of the handler's items
   */
  Flow.Publisher<Object> stream(String channel, Object... args);

  /**
   * Sends one value and ports to the frame, as Electron's {@code webContents.postMessage} and
   * {@code webFrameMain.postMessage}: its listeners on {@code channel} get {@code message} as their only argument and
   * the ports in {@link IpcRendererEvent#ports()} (as {@link MessagePort}s). The ports can no longer be used here. A
   * frame that has closed gets nothing. Ports that no listener receives (the frame has none on {@code channel}, or
   * cannot decode the message) close, as do the ports sent to a renderer destroyed while this call runs: their
   * peers' {@code onClose} callbacks run.
   *
   * <pre>{@code
   * MessageChannelMain channel = new MessageChannelMain();
   * webContents.postMessage("port", null, List.of(channel.port2()));
   * channel.port1().postMessage("hello");
   * }</pre>
   *
   * @param channel the channel
   * @param message the value; must have a codec
   * @param transfer the ports to give up (at most 64), or an empty list
   * @throws IpcCloneException if the value has no codec; nothing is sent
   * @throws IllegalArgumentException if {@code transfer} is null or holds null ({@code Invalid value for transfer}),
   *     or names a port it may not, in Electron's words ({@code Port at index 0 is already neutered.},
   *     {@code Port at index 1 is a duplicate.}); nothing is sent
   * @throws IpcDisconnectedException with {@code Object has been destroyed} if the renderer is gone
   */
  void postMessage(String channel, Object message, List<MessagePortMain> transfer);

  /**
   * Whether the renderer is gone (closed, exited or killed): a frame goes with its renderer.
   *
   * @return true once destroyed
   */
  boolean isDestroyed();
}
