package io.ipc4j.internal;

import io.ipc4j.IpcRenderer;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;

/** A renderer whose side runs as threads in the host's JVM. */
final class InProcessRenderer implements Renderer {
  private final WebContentsImpl contents;
  private final RendererCore core;
  private final IpcRendererImpl mainFrame;

  InProcessRenderer(WebContentsImpl contents, RendererCore core, IpcRendererImpl mainFrame) {
    this.contents = contents;
    this.core = core;
    this.mainFrame = mainFrame;
  }

  @Override
  public IpcRenderer ipcRenderer() {
    return mainFrame;
  }

  @Override
  public WebContents webContents() {
    return contents;
  }

  @Override
  public IpcRenderer openFrame() {
    return core.openFrame();
  }

  @Override
  public void close() {
    contents.destroy(null, "Renderer " + contents.id + " was closed");
  }

  @Override
  public String toString() {
    return "Renderer[" + contents.id + "]";
  }
}
