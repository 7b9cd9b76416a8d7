package io.ipc4j.example;

import io.ipc4j.IpcHost;

/** The README's typed quick start, runnable as written. */
public final class TypedQuickStart {
  private TypedQuickStart() {}

  /**
   * Registers a {@link Greeter} in the main process and calls it from a renderer.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (IpcHost host = IpcHost.inProcess()) {
      // Main process: GreeterIpc is generated at compile time from the Greeter interface.
      GreeterIpc.register(host.ipcMain(), name -> "Hello, " + name + "!");

      // Renderer: a generated client, no reflection.
      Greeter greeter = GreeterIpc.client(host.openRenderer().ipcRenderer());
      System.out.println(greeter.hello("world"));   // Hello, world!
    }
  }
}
