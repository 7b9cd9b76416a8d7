package io.ipc4j;

import java.time.Duration;

/**
 * Sees each message a renderer sends to the main process ({@link IpcRenderer#send send}, {@link IpcRenderer#sendSync
 * sendSync} and {@link IpcRenderer#invoke invoke}) before any listener or handler does, in every scope (the frame's
 * {@code webFrameMain.ipc()}, the renderer's {@code webContents.ipc()}, then {@code ipcMain}). Interceptors are added
 * with {@link IpcHost.Builder#interceptor} and run on the main loop, one after another in the order they were added,
 * so they need no locks.
 *
 * <p>An interceptor <b>rejects</b> a message by throwing (anything, an {@code Error} included): no later interceptor,
 * listener or handler sees it, and
 * <ul>
 *   <li>the caller of an {@code invoke} or a {@code sendSync} fails with an {@link IpcInvokeException} in Electron's
 *       words, {@code Error invoking remote method '<channel>': <the thrown exception's toString()>}, as if a handler
 *       had thrown it;
 *   <li>a {@code send} is dropped, and the rejection is logged at {@code WARNING} on the {@code io.ipc4j} logger.
 * </ul>
 * Throwing never harms the main loop: it goes on with the next message.
 *
 * <p>An interceptor that wants to <b>time</b> a message, or to see how it ended, returns a {@link Completion}: it
 * runs once the message is done (a send's listeners have run; an invoke's answer or a sendSync's return value is
 * ready, just before it is sent, so a caller that has its answer knows the completion ran), on the thread that
 * finished it. Returning {@code null} asks for nothing more. Messages a renderer
 * sends in answer to the main process's own calls ({@link WebContents#invoke}) are not intercepted: their caller
 * sees them.
 *
 * <pre>{@code
 * // Electron's security checklist: validate the sender of every IPC message.
 * IpcInterceptor onlyKnownWindows = message -> {
 *   if (!trusted.contains(message.sender())) {
 *     throw new SecurityException("untrusted sender " + message.sender().id());
 *   }
 *   return null;
 * };
 * // How long each invoke took, and whether it failed.
 * IpcInterceptor timing = message -> (took, failure) ->
 *     log.info(message.kind() + " " + message.channel() + " took " + took.toMillis() + " ms"
 *         + (failure == null ? "" : ", failed: " + failure));
 * IpcHost host = IpcHost.builder().interceptor(timing).interceptor(onlyKnownWindows).overSockets();
 * }</pre>
 *
 * <p>With no interceptor the host does none of this work: a message costs nothing more.
 */
@FunctionalInterface
public interface IpcInterceptor {
  /**
   * Looks at one incoming message before its listeners or handler, on the main loop.
   *
   * @param message the message, its sender and its arguments
   * @return what to run when the message is done, or null
   * @throws Exception to reject the message
   */
  Completion intercept(IpcIncoming message) throws Exception;

  /** What an interceptor is told when a message it let through (or a later interceptor rejected) is done. */
  @FunctionalInterface
  interface Completion {
    /**
     * The message is done. What this throws is logged and goes no further.
     *
     * @param took from the moment the interceptors saw the message until it was done
     * @param failure null if it ended well; otherwise what ended it: a later interceptor's rejection, what a listener
     *     threw, an {@link IpcException} when nothing listened, or for an invoke the {@link IpcInvokeException} its
     *     caller gets (a failing or missing handler); for an invoke whose caller stopped waiting first, a
     *     {@link java.util.concurrent.CancellationException} (the caller cancelled, or its deadline passed, while the
     *     handler's stage ran) or an {@link IpcDisconnectedException} (its renderer went while the handler or its
     *     stage ran), at that moment: how the handler ends afterwards is not reported; and likewise for a sendSync
     *     whose listener keeps the event to answer later, a {@code CancellationException} when its caller's deadline
     *     passes first, or an {@code IpcDisconnectedException} when its renderer goes first
     */
    void completed(Duration took, Throwable failure);
  }
}
