package io.ipc4j;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The main process's view of one renderer frame, as in Electron's {@code WebFrameMain}: the same frame is the same
 * instance wherever it appears ({@code mainFrame()}, {@code event.senderFrame()}).
 *
 * <pre>{@code
 * ipcMain.on("hello", (event, args) -> event.senderFrame().send("hi"));   // same as event.reply("hi")
 * }</pre>
 */
public interface WebFrameMain {
  /**
   * This frame's id within its process.
   *
   * @return the frame id
   */
  int frameId();

  /**
   * The host-assigned id of the renderer process this frame lives in.
   *
   * @return the process id
   */
  int processId();

  /**
   * Whether this is its renderer's main frame.
   *
   * @return true for the main frame
   */
  boolean isMainFrame();

  /**
   * The renderer this frame belongs to.
   *
   * @return the owning {@link WebContents}
   */
  WebContents webContents();

  /**
   * An {@link IpcMain} that sees only this frame's messages, as Electron's {@code webFrameMain.ipc}. A message's
   * listeners run here first, then in {@link WebContents#ipc()}, then in the global {@code ipcMain}; an invoke is
   * answered by the first of the three that has a handler. A child frame's messages reach its own scope, never the
   * main frame's. Codecs added through it are the host's. Once the renderer is destroyed, the scope is emptied.
   *
   * @return this frame's {@code IpcMain}, the same instance on every call
   */
  IpcMain ipc();

  /**
   * Sends a message to this frame's {@link IpcRenderer} listeners.
   *
   * @param channel the channel
   * @param args the arguments
   * @throws IpcCloneException if an argument has no codec; nothing is sent
   * @throws IpcDisconnectedException with {@code Object has been destroyed} if the frame is gone
   */
  void send(String channel, Object... args);

  /**
   * Calls the handler that {@code this frame} registered with {@link IpcRenderer#handle} for {@code channel}, with
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
   * Streams the items of this frame's renderer handler on {@code channel} (one registered with
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
   * Whether the frame is gone (its renderer closed or died).
   *
   * @return true once destroyed
   */
  boolean isDestroyed();

  /**
   * Sends one value and ports to this frame, as Electron's {@code webFrameMain.postMessage}: the frame's listeners
   * on {@code channel} get {@code message} as their only argument and the ports in {@link IpcRendererEvent#ports()}
   * (as {@link MessagePort}s). The ports can no longer be used here. A frame that has closed gets nothing.
   *
   * @param channel the channel
   * @param message the value; must have a codec
   * @param transfer the ports to give up (at most 64), or an empty list
   * @throws IpcCloneException if the value has no codec; nothing is sent
   * @throws IllegalArgumentException if {@code transfer} names a port it may not, as
   *     {@link WebContents#postMessage} says; nothing is sent
   * @throws IpcDisconnectedException with {@code Object has been destroyed} if the renderer is gone
   */
  void postMessage(String channel, Object message, java.util.List<MessagePortMain> transfer);
}
