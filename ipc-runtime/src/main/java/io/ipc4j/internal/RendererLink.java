package io.ipc4j.internal;

/** How the main process's messages reach one renderer. */
interface RendererLink {
  /** Hands a message to the renderer; dropped if the renderer is gone. */
  void toRenderer(Message message);

  /** Ends the renderer (closes its side, or asks its process to exit). */
  void close(String reason);
}
