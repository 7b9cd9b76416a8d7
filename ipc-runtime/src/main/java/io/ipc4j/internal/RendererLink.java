package io.ipc4j.internal;

/**
 * How the main process's messages reach one renderer: the renderer's side itself in process, the socket's host end
 * across processes (whose client hands them to the side through this interface again).
 */
public interface RendererLink {
  /** Hands a message to the renderer; any thread; dropped if the renderer is gone. */
  void toRenderer(Message message);

  /** Ends the renderer (closes its side, or asks its process to exit). Idempotent. */
  void close(String reason);
}
