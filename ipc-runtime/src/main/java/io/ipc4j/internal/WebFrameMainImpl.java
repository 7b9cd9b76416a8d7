package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcMain;
import io.ipc4j.IpcMainHandler;
import io.ipc4j.WebContents;
import io.ipc4j.WebFrameMain;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The main process's handle on one frame; it owns the frame's scope ({@code ipc()}) and knows the scopes its messages
 * go to, in Electron's order.
 */
final class WebFrameMainImpl implements WebFrameMain {
  private final WebContentsImpl contents;
  private final int frameId;
  /** Made on first use, as Electron's {@code frame.ipc}: a frame nobody scoped costs its messages nothing. */
  private volatile IpcMainImpl scope;
  /** The scopes this frame's messages go through once it has its own; made and read by the main loop only. */
  private IpcMainImpl[] scopeOrder;

  WebFrameMainImpl(WebContentsImpl contents, int frameId) {
    this.contents = contents;
    this.frameId = frameId;
  }

  @Override
  public int frameId() {
    return frameId;
  }

  @Override
  public int processId() {
    return contents.processId;
  }

  @Override
  public boolean isMainFrame() {
    return frameId == Message.MAIN_FRAME_ID;
  }

  @Override
  public WebContents webContents() {
    return contents;
  }

  @Override
  public IpcMain ipc() {
    IpcMainImpl current = scope;
    if (current == null) {
      synchronized (this) {
        current = scope;
        if (current == null) {
          current = new IpcMainImpl(contents.codecRegistry());
          scope = current;
        }
      }
    }
    return current;
  }

  /**
   * The registries a message from this frame goes to, in Electron's order: the frame's own scope (once anyone made
   * it), its renderer's {@code webContents.ipc}, then the global {@code ipcMain}. A send runs the listeners of each,
   * an invoke or a stream the first handler found. Made once per scoped frame, on the main loop (the only thread that
   * dispatches), so that a message allocates no list of scopes.
   */
  IpcMainImpl[] scopes() {
    IpcMainImpl own = scope;
    if (own == null) {
      return contents.scopes();
    }
    IpcMainImpl[] order = scopeOrder;
    if (order == null) {
      IpcMainImpl[] after = contents.scopes();
      order = new IpcMainImpl[] {own, after[0], after[1]};
      scopeOrder = order;
    }
    return order;
  }

  /** The first handler for {@code channel} in this frame's scopes, taken for one call; null if none. */
  IpcMainHandler takeHandler(String channel) {
    for (IpcMainImpl scope : scopes()) {
      IpcMainHandler handler = scope.takeHandler(channel);
      if (handler != null) {
        return handler;
      }
    }
    return null;
  }

  /** Empties this frame's scope when its renderer is destroyed, so nothing it holds outlives the renderer. */
  void dropScope() {
    IpcMainImpl current = scope;
    if (current != null) {
      current.clear();
    }
  }

  @Override
  public void send(String channel, Object... args) {
    Args.channel(channel);
    if (isDestroyed()) {
      throw new IpcDisconnectedException("Object has been destroyed");
    }
    byte[] payload = AsIs.ofArguments(args, contents.link.framesAsSent(), contents.values());
    io.ipc4j.internal.jfr.IpcMessageEvent.sent(channel, contents.id, frameId, payload.length);
    contents.link.toRenderer(new Message.Push(frameId, channel, payload, AsIs.isArgument(payload, args)));
  }

  @Override
  public CompletableFuture<Object> invoke(String channel, Object... args) {
    return invokeWithTimeout(contents.defaultTimeout(), channel, args);
  }

  @Override
  public CompletableFuture<Object> invokeWithTimeout(Duration timeout, String channel, Object... args) {
    return contents.calls.invoke(frameId, timeout, channel, args);
  }

  @Override
  public Flow.Publisher<Object> stream(String channel, Object... args) {
    return contents.streams.publisher(frameId, channel, args);
  }

  @Override
  public boolean isDestroyed() {
    return contents.isDestroyed();
  }

  @Override
  public String toString() {
    return "WebFrameMain[process " + contents.processId + ", frame " + frameId + "]";
  }

  @Override
  public void postMessage(String channel, Object message, java.util.List<io.ipc4j.MessagePortMain> transfer) {
    contents.ports().postToRenderer(contents, frameId, channel, message, transfer);
  }
}
