package io.ipc4j;

/**
 * The main process's view of one renderer frame, as in Electron's {@code WebFrameMain}: the same frame is the same
 * instance wherever it appears ({@code mainFrame()}, {@code event.senderFrame()}). What it sends, invokes, streams
 * and posts ({@link IpcTarget}) goes to this frame alone.
 *
 * <pre>{@code
 * ipcMain.on("hello", (event, args) -> event.senderFrame().send("hi"));   // same as event.reply("hi")
 * }</pre>
 */
public interface WebFrameMain extends IpcTarget {
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
}
