package io.ipc4j;

import java.time.Instant;

/**
 * The event passed to {@link IpcMainHandler}s for {@link IpcRenderer#invoke}; the handler's return value is the
 * reply. Validate {@link #sender()} or {@link #senderFrame()} when a call must come from a particular window.
 *
 * <p>The caller may stop waiting before the handler is done: it cancels its future, or its deadline passes. The
 * main process then learns of it (across processes too): {@link #isCancelled()} turns true, a
 * {@code CompletableFuture} the handler returned is cancelled, and a reply that still comes is dropped.
 */
public interface IpcMainInvokeEvent extends IpcEvent {
  /**
   * Whether the caller has stopped waiting for this call (it cancelled its future, or its deadline passed). A
   * handler that works on in steps may check it and give up early; its answer would be dropped anyway.
   *
   * @return true once the caller has abandoned the call
   */
  boolean isCancelled();

  /**
   * When the caller stops waiting: the moment of the call plus its timeout (the one given to
   * {@link IpcRenderer#invokeWithTimeout}, else the host's default), as seen on this side when the call arrived.
   *
   * @return the caller's deadline
   */
  Instant deadline();
}
