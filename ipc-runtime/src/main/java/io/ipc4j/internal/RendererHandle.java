package io.ipc4j.internal;

import io.ipc4j.IpcRenderer;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;

/** A renderer in the host's JVM, whichever transport it talks over: its side, and its {@code WebContents}. */
final class RendererHandle implements Renderer {
  private final ConnectedRenderer contents;
  private final RendererContext side;
  private final IpcRendererImpl mainFrame;

  RendererHandle(ConnectedRenderer contents, RendererContext side, IpcRendererImpl mainFrame) {
    this.contents = contents;
    this.side = side;
    this.mainFrame = mainFrame;
  }

  /** This renderer's side (for tests that look at its event loop). */
  RendererContext side() {
    return side;
  }

  @Override
  public IpcRenderer ipcRenderer() {
    return mainFrame;
  }

  @Override
  public WebContents webContents() {
    return contents.webContents();
  }

  @Override
  public IpcRenderer openFrame() {
    return side.openFrame();
  }

  /** Ends its side first (its calls fail with this reason, and a socket closes), then its {@code WebContents}. */
  @Override
  public void close() {
    String reason = "Renderer " + contents.id() + " was closed";
    side.close(reason);
    contents.destroy(null, reason);
  }

  @Override
  public String toString() {
    return "Renderer[" + contents.id() + "]";
  }
}
