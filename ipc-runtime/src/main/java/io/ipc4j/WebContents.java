package io.ipc4j;

import java.util.function.Consumer;

/**
 * The main process's handle on one renderer, as in Electron's {@code webContents}. What it sends, invokes, streams
 * and posts ({@link IpcTarget}) goes to the renderer's main frame.
 *
 * <pre>{@code
 * WebContents window = renderer.webContents();
 * window.send("notes:changed", note);                         // to its main frame
 * window.invoke("notes:dirty").thenAccept(this::prompt);        // answered by its ipcRenderer.handle
 * window.ipc().handle("window:title", (event, args) -> "Notes");   // answered before the global ipcMain
 * window.onRenderProcessGone(details -> log.warn("renderer died: " + details));
 * }</pre>
 */
public interface WebContents extends IpcTarget {
  /**
   * The host-assigned id; stays readable after destruction.
   *
   * @return the id
   */
  int id();

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
}
