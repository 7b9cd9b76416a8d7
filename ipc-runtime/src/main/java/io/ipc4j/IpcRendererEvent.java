package io.ipc4j;

import java.time.Instant;

/**
 * The event passed to {@link IpcRendererListener}s and to {@link IpcRendererHandler}s.
 *
 * <p>For a handler, the main process may stop waiting before the handler is done: its future is cancelled, its
 * deadline passes, or the host closes this renderer. The renderer then learns of it (across processes too):
 * {@link #isCancelled()} turns true, a {@code CompletableFuture} the handler returned is cancelled, and a reply that
 * still comes is dropped. A listener's message has nobody waiting on it: it is never cancelled.
 */
public interface IpcRendererEvent {
  /**
   * The renderer-side endpoint that received the message.
   *
   * @return the receiving frame's {@link IpcRenderer}
   */
  IpcRenderer sender();

  /**
   * The channel the message arrived on.
   *
   * @return the channel
   */
  String channel();

  /**
   * Whether the main process has stopped waiting for this call (it cancelled its future, its deadline passed, or
   * this renderer is closing). A handler that works on in steps may check it and give up early; its answer would be
   * dropped anyway. The cancel reaches a handler that returned a stage (it comes through this renderer's loop, after
   * the handler returned); always false for a listener's message.
   *
   * @return true once the main process has abandoned the call
   */
  boolean isCancelled();

  /**
   * When the main process stops waiting for this call: the moment of the call plus its timeout (the one given to
   * {@link WebContents#invokeWithTimeout} or {@link WebFrameMain#invokeWithTimeout}, else the host's default), as
   * seen on this side when the call arrived. A listener's message has no deadline: {@link Instant#MAX}.
   *
   * @return the caller's deadline
   */
  Instant deadline();

  /**
   * The ports sent with a {@link WebContents#postMessage} message, in the order they were listed; empty for every
   * other message and for calls.
   *
   * @return the received ports
   */
  java.util.List<MessagePort> ports();
}
