package io.ipc4j.internal;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcMain;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;
import java.time.Duration;
import java.util.List;

/** The in-process host (placeholder until the runtime core lands). */
public final class HostCore implements IpcHost {
  private final Duration defaultTimeout;

  /**
   * Creates a host.
   *
   * @param defaultTimeout the default deadline
   * @param spinTime how long waiting threads spin
   */
  public HostCore(Duration defaultTimeout, Duration spinTime) {
    this.defaultTimeout = defaultTimeout;
  }

  @Override
  public IpcMain ipcMain() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Renderer openRenderer() {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<WebContents> allWebContents() {
    return List.of();
  }

  @Override
  public Duration defaultTimeout() {
    return defaultTimeout;
  }

  @Override
  public boolean isClosed() {
    return false;
  }

  @Override
  public void close() {}
}
