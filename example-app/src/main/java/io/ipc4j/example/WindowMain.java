package io.ipc4j.example;

import io.ipc4j.IpcRenderer;

/** The main class of a notes window's renderer JVM: {@code WindowMain NAME [--gui INDEX]}. */
public final class WindowMain {
  private WindowMain() {}

  /**
   * Connects to the host that launched this process and runs the window.
   *
   * @param args the window's name, and {@code --gui} with the window's place from the left for a Swing window
   *     instead of the scripted session
   */
  public static void main(String[] args) throws Exception {
    IpcRenderer ipc = IpcRenderer.connect();
    String name = args[0];
    if (args.length > 1 && args[1].equals("--gui")) {
      String where = "renderer JVM, pid " + ProcessHandle.current().pid();
      // Closing the window ends this renderer process, as closing a browser window ends its renderer.
      NotesFrame.open(DaggerWindowComponent.factory().create(ipc, name), name, Integer.parseInt(args[2]), where,
          () -> System.exit(0));
      return;
    }
    DaggerWindowComponent.factory().create(ipc, name).window().start();
    // The session runs on the renderer's loop; this process ends when the host closes it.
    Thread.currentThread().join();
  }
}
