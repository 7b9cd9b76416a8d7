package io.ipc4j;

/**
 * A renderer running as threads in this JVM, opened with {@link IpcHost#openRenderer()}: both its renderer side
 * ({@link #ipcRenderer()}) and the main process's handle on it ({@link #webContents()}).
 *
 * <pre>{@code
 * Renderer window = host.openRenderer();
 * IpcRenderer main = window.ipcRenderer();     // frame 1
 * IpcRenderer child = window.openFrame();      // frame 2: event.reply reaches it, webContents.send does not
 * }</pre>
 */
public interface Renderer extends AutoCloseable {
  /**
   * The main frame's renderer-side endpoint.
   *
   * @return the main frame's {@code IpcRenderer}
   */
  IpcRenderer ipcRenderer();

  /**
   * The main process's handle on this renderer.
   *
   * @return its {@code WebContents}
   */
  WebContents webContents();

  /**
   * Opens a child frame in this renderer.
   *
   * @return the new frame's {@code IpcRenderer}
   * @throws IpcDisconnectedException if the renderer is closed
   * @throws IpcException if the renderer has 65,536 frames already (they live as long as it does)
   */
  IpcRenderer openFrame();

  /** Closes the renderer; its pending calls fail with {@link IpcDisconnectedException}. Idempotent. */
  @Override
  void close();
}
