package io.ipc4j.internal;

import io.ipc4j.IpcException;
import io.ipc4j.IpcRenderer;

/** Connects a child renderer process to the host that launched it. */
public final class ChildConnector {
  /** The environment variable through which a host tells its child where to connect. */
  public static final String ENDPOINT_ENV = "IPC4J_ENDPOINT";

  private ChildConnector() {}

  /**
   * Connects this process to its host.
   *
   * @return the main frame's renderer endpoint
   */
  public static IpcRenderer connect() {
    String endpoint = System.getenv(ENDPOINT_ENV);
    if (endpoint == null || endpoint.isEmpty()) {
      throw new IpcException("IpcRenderer.connect() found no host: this process was not started by "
          + "IpcHost.launchRenderer (the " + ENDPOINT_ENV + " environment variable is not set). Launch it from a "
          + "host, or use IpcHost.inProcess() and host.openRenderer() to run renderers as threads.");
    }
    throw new IpcException("Renderers as child processes are not available in this build");
  }
}
