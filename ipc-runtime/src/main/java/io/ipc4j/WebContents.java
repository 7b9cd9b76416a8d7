package io.ipc4j;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * The main process's handle on one renderer, as in Electron's {@code webContents}.
 *
 * <pre>{@code
 * WebContents window = renderer.webContents();
 * window.send("notes:changed", note);                         // to its main frame
 * window.invoke("notes:dirty").thenAccept(this::prompt);        // answered by its ipcRenderer.handle
 * window.ipc().handle("window:title", (event, args) -> "Notes");   // answered before the global ipcMain
 * window.onRenderProcessGone(details -> log.warn("renderer died: " + details));
 * }</pre>
 */
public interface WebContents {
  /**
   * The host-assigned id; stays readable after destruction.
   *
   * @return the id
   */
  int id();

  /**
   * Sends a message to the main frame's listeners.
   *
   * @param channel the channel
   * @param args the arguments
   * @throws IpcCloneException if an argument has no codec; nothing is sent (Electron only logs; ipc4j never drops
   *     data silently)
   * @throws IpcDisconnectedException with {@code Object has been destroyed} after the renderer is gone
   */
  void send(String channel, Object... args);

  /**
   * Calls the handler that {@code the main frame} registered with {@link IpcRenderer#handle} for {@code channel}, with
   * the host's default deadline.
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
   * Streams the items of the main frame's renderer handler on {@code channel} (one registered with
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
   * The renderer's main frame.
   *
   * @return the main frame
   */
  WebFrameMain mainFrame();

  /**
   * An {@link IpcMain} that sees only this renderer's messages and is consulted before the global one.
   *
   * @return the scoped {@code IpcMain}
   */
  IpcMain ipc();

  /**
   * Whether the renderer is gone (closed, exited or killed).
   *
   * @return true once destroyed
   */
  boolean isDestroyed();

  /**
   * The operating-system process id of the renderer (this JVM's for an in-process renderer).
   *
   * @return the pid
   */
  long osProcessId();

  /**
   * Runs {@code callback} once when this renderer is destroyed, on the main event loop (at once if it already is).
   *
   * @param callback what to run
   * @return a registration whose {@code close()} removes the callback
   */
  IpcRegistration onDestroyed(Runnable callback);

  /**
   * Calls {@code listener} when the renderer's process ends other than by {@link #close()} or the host closing,
   * on the main event loop.
   *
   * @param listener receives why the process ended
   * @return a registration whose {@code close()} removes the listener
   */
  IpcRegistration onRenderProcessGone(Consumer<RenderProcessGoneDetails> listener);

  /** Closes the renderer: its pending calls fail with {@link IpcDisconnectedException}. Idempotent. */
  void close();

  /**
   * Sends one value and ports to the renderer's main frame, as Electron's {@code webContents.postMessage}: its
   * listeners on {@code channel} get {@code message} as their only argument and the ports in
   * {@link IpcRendererEvent#ports()} (as {@link MessagePort}s). The ports can no longer be used here.
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
   * @throws IllegalArgumentException if {@code transfer} names a port it may not, in Electron's words ({@code Port at
   *     index 0 is already neutered.}, {@code Port at index 1 is a duplicate.}); nothing is sent
   * @throws IpcDisconnectedException with {@code Object has been destroyed} if the renderer is gone
   */
  void postMessage(String channel, Object message, java.util.List<MessagePortMain> transfer);
}
