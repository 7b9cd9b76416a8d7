package io.ipc4j.internal;

import io.ipc4j.RenderProcessGoneDetails;
import io.ipc4j.WebContents;

/**
 * The host's side of one admitted renderer, as its transport (and its {@link RendererHandle}) sees it: where the
 * renderer's messages go, and how its end is reported.
 */
public interface ConnectedRenderer {
  /**
   * The renderer's id.
   *
   * @return its id
   */
  int id();

  /**
   * The process id the host gave it (what events carry).
   *
   * @return its process id
   */
  int processId();

  /**
   * The renderer's {@code WebContents}.
   *
   * @return its handle in the main process's API
   */
  WebContents webContents();

  /**
   * A message from the renderer, handed over on the main loop (which polls the renderer's socket): it is handled
   * right away.
   *
   * @param message the message
   */
  void receiveOnMainLoop(Message message);

  /**
   * Whether the renderer has been destroyed.
   *
   * @return true once it has
   */
  boolean isDestroyed();

  /**
   * Its connection has closed, before it is destroyed (which waits to see how its process went): nothing it asked
   * for can reach it any more, so the streams main handlers serve it are cancelled now, with the handlers' stages it
   * waited on, rather than producing for it until it is destroyed. Any thread.
   */
  void connectionClosed();

  /**
   * Destroys the renderer: its side ends, and its callbacks run on the main loop. Idempotent.
   *
   * @param gone how its process went, for render-process-gone listeners, or null for none
   * @param reason what its pending calls are told
   */
  void destroy(RenderProcessGoneDetails gone, String reason);
}
