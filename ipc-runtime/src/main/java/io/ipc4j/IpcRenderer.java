package io.ipc4j;

import io.ipc4j.internal.RuntimeEntry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A renderer frame's side of IPC, as in Electron's {@code ipcRenderer}: send to the main process, call its
 * handlers, and listen for what it sends back.
 *
 * <pre>{@code
 * IpcRenderer ipc = renderer.ipcRenderer();
 * ipc.send("notes:log", "opened");                                   // fire and forget
 * Object settings = ipc.sendSync("notes:settings");                  // blocks until main answers
 * CompletableFuture<Object> note = ipc.invoke("notes:get", 42);      // handled by ipcMain.handle
 * ipc.on("notes:changed", (event, args) -> refresh(args[0]));
 * ipc.handle("notes:dirty", (event, args) -> editor.hasUnsavedEdits()); // answers webContents.invoke
 * }</pre>
 *
 * <p>Every call that waits has a deadline: the host's default (30 seconds unless configured), or the one given to
 * {@link #invokeWithTimeout}/{@link #sendSyncWithTimeout}. When the renderer or the host closes, every pending call
 * fails with {@link IpcDisconnectedException}. Listeners run on the renderer's own event loop; a blocking call made
 * from a listener does not deadlock, because replies never need that loop.
 *
 * <p>Methods throw {@link IllegalArgumentException} for a null channel, {@link IpcCloneException} (or, for
 * {@code invoke}, a future failed with it) for an argument with no codec, and {@link IpcDisconnectedException}
 * with {@code IPC method called after context was released} once the renderer is closed.
 */
public interface IpcRenderer extends IpcEmitter<IpcRendererListener> {
  /**
   * Connects a renderer process that an {@link IpcHost} launched to that host, and returns its main frame.
   *
   * @return the main frame's {@code IpcRenderer}
   * @throws IpcException if this process was not started by {@code IpcHost.launchRenderer}, or the host cannot be
   *     reached
   */
  static IpcRenderer connect() {
    return RuntimeEntry.connectChild();
  }

  /**
   * Sends a message to the main process without waiting.
   *
   * @param channel the channel
   * @param args the arguments
   * @throws IpcCloneException if an argument has no codec; nothing is sent
   */
  void send(String channel, Object... args);

  /**
   * Sends a message and blocks until a main-process listener calls {@link IpcMainEvent#setReturnValue}, or the
   * host's default deadline passes.
   *
   * @param channel the channel
   * @param args the arguments
   * @return the value the main process returned
   * @throws IpcTimeoutException if the deadline passed
   * @throws IpcInvokeException if no listener exists or a listener failed before answering
   */
  Object sendSync(String channel, Object... args);

  /**
   * {@link #sendSync} with its own deadline.
   *
   * @param timeout the deadline for this call; must be positive
   * @param channel the channel
   * @param args the arguments
   * @return the value the main process returned
   */
  Object sendSyncWithTimeout(Duration timeout, String channel, Object... args);

  /**
   * Calls the main process's handler for {@code channel}.
   *
   * <p>The future completes with the handler's result, or fails with {@link IpcInvokeException} (the handler
   * threw, or there is none), {@link IpcTimeoutException} (the default deadline passed),
   * {@link IpcDisconnectedException} or {@link IpcCloneException}. It never throws itself. Its {@code join()} and
   * {@code get()} are safe to call from a renderer listener.
   *
   * @param channel the channel
   * @param args the arguments
   * @return the reply, later
   */
  CompletableFuture<Object> invoke(String channel, Object... args);

  /**
   * {@link #invoke} with its own deadline.
   *
   * @param timeout the deadline for this call; must be positive
   * @param channel the channel
   * @param args the arguments
   * @return the reply, later
   */
  CompletableFuture<Object> invokeWithTimeout(Duration timeout, String channel, Object... args);

  /**
   * Streams the items of the main-process handler on {@code channel} (one registered with {@code ipcMain.handle}
   * that returns a {@link Flow.Publisher}). Each {@code subscribe} starts one call; items flow only as the subscriber
   * {@link Flow.Subscription#request requests} them, so the main process never has more than that in flight, and
   * {@link Flow.Subscription#cancel cancel} cancels the handler's publisher. Every signal reaches the subscriber on
   * this renderer's event loop, one at a time. A handler that returns a plain value (or a {@code CompletionStage}
   * of one) gives a stream of that one item. The stream ends with {@code onError}: an {@link IpcInvokeException} (in
   * Electron's format) when the handler or its publisher fails or there is no handler, an
   * {@link IpcDisconnectedException} when the host closes or this renderer closes. A stream has no deadline.
   *
   * <pre>{@code
   * // main: ipcMain.handle("log:tail", (event, args) -> logPublisher(args[0]));
   * ipc.stream("log:tail", "app.log").subscribe(new Flow.Subscriber<Object>() {
   *   Flow.Subscription subscription;
   *   public void onSubscribe(Flow.Subscription s) { subscription = s; s.request(16); }
   *   public void onNext(Object line) { show(line); subscription.request(1); }
   *   public void onError(Throwable failure) { showError(failure); }
   *   public void onComplete() { showDone(); }
   * });
   * }</pre>
   *
   * @param channel the channel
   * @param args the arguments the handler gets, each encodable by the value codec
   * @return a cold publisher of the handler's items
   */
  Flow.Publisher<Object> stream(String channel, Object... args);

  /**
   * Makes {@code handler} answer the main process's {@link WebContents#invoke} calls on {@code channel} (those to
   * this frame: {@code webContents.invoke} reaches the main frame, {@link WebFrameMain#invoke} the frame it names).
   * The handler runs on the renderer's event loop.
   *
   * @param channel the channel
   * @param handler the handler
   * @return a registration whose {@code close()} removes this handler (and not a later one)
   * @throws IllegalStateException {@code Attempted to register a second handler for '<channel>'} if the channel
   *     already has a handler in this frame
   */
  IpcRegistration handle(String channel, IpcRendererHandler handler);

  /**
   * Like {@link #handle}, for one call: the handler is removed before it runs, even if it then throws.
   *
   * @param channel the channel
   * @param handler the handler
   * @return a registration whose {@code close()} removes the handler if it has not run yet
   * @throws IllegalStateException if the channel already has a handler in this frame
   */
  IpcRegistration handleOnce(String channel, IpcRendererHandler handler);

  /**
   * Removes the handler of {@code channel}; does nothing if there is none. A call on a channel with no handler fails
   * with {@code No handler registered for '<channel>'}.
   *
   * @param channel the channel
   */
  void removeHandler(String channel);

  /**
   * The id of this frame within its renderer process (the main frame's is 1).
   *
   * @return the frame id
   */
  int frameId();

  /**
   * Opens a new child frame in this frame's renderer, as a page opens an iframe. The host assigns the frame's id;
   * what the returned {@code IpcRenderer} sends carries that id ({@code event.frameId()}), {@code event.reply}
   * answers that frame, and {@code webContents.send} still reaches only the main frame. The same in a renderer
   * JVM (after {@link #connect()}) as in a renderer opened with {@link IpcHost#openRenderer()} (where it equals
   * {@link Renderer#openFrame()}). Over sockets it asks the host and waits for the answer, with the default
   * deadline; it may not be called on the host's main event loop.
   *
   * @return the new frame's {@code IpcRenderer}
   * @throws IpcDisconnectedException if the renderer is closed or its host is gone
   * @throws IpcException if the renderer has 65,536 frames already (they live as long as it does)
   */
  IpcRenderer openFrame();

  /**
   * The deadline {@link #invoke} and {@link #sendSync} use when none is given.
   *
   * @return the default deadline
   */
  Duration defaultTimeout();

  /**
   * Sends one value to the main process with ports it gives up, as Electron's {@code ipcRenderer.postMessage}: the
   * main process's listeners on {@code channel} get {@code message} as their only argument and the ports in
   * {@link IpcMainEvent#ports()} (as {@link MessagePortMain}s). The ports can no longer be used here. Ports that no
   * listener receives (none listens on {@code channel}, the message cannot be decoded, or an interceptor rejects it)
   * close, and their peers' {@code onClose} callbacks run.
   *
   * <pre>{@code
   * MessageChannel channel = ipcRenderer.createMessageChannel();
   * channel.port1().onMessage(event -> show(event.data()));
   * channel.port1().start();
   * ipcRenderer.postMessage("give-me-updates", null, List.of(channel.port2()));
   * }</pre>
   *
   * @param channel the channel
   * @param message the value; must have a codec
   * @param transfer the ports to give up (at most 64), or an empty list
   * @throws IpcCloneException if the value has no codec; nothing is sent
   * @throws IllegalArgumentException if {@code transfer} is null or holds null ({@code Invalid value for transfer}),
   *     or names a port it may not (closed, transferred, repeated)
   */
  void postMessage(String channel, Object message, java.util.List<MessagePort> transfer);

  /**
   * Makes a pair of entangled ports in this renderer, as the DOM's {@code new MessageChannel()}. The host keeps at
   * most 65,536 ports of the pairs one renderer made: a pair counts until both of its ports are closed, wherever they
   * went (ports this renderer received do not count), and a renderer that makes a pair past that bound is
   * disconnected. Close the ports nobody uses.
   *
   * @return the pair
   * @throws IpcDisconnectedException once the renderer is closed
   */
  MessageChannel createMessageChannel();
}
