package io.ipc4j.example;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import io.ipc4j.Renderer;
import java.util.concurrent.CompletableFuture;

/** The README's untyped quick start, runnable as written: every Electron IPC style in one short program. */
public final class QuickStart {
  private QuickStart() {}

  /**
   * Runs the quick start and prints what each call returned.
   *
   * @param args ignored
   */
  public static void main(String[] args) throws Exception {
    try (IpcHost host = IpcHost.inProcess()) {
      // Main process: a handler (invoke), a sync listener (sendSync) and a listener that replies (send).
      host.ipcMain().handle("math:add", (event, a) -> (Integer) a[0] + (Integer) a[1]);
      host.ipcMain().on("app:version", (event, a) -> event.setReturnValue("1.0"));
      host.ipcMain().on("chat:say", (event, a) -> event.reply("chat:heard", "main heard: " + a[0]));

      // A renderer (threads in this JVM; IpcHost.overSockets() runs it as a child JVM instead).
      Renderer window = host.openRenderer();
      IpcRenderer ipc = window.ipcRenderer();
      CompletableFuture<Object> heard = new CompletableFuture<>();
      ipc.on("chat:heard", (event, a) -> heard.complete(a[0]));

      System.out.println("invoke   math:add(2, 3)  -> " + ipc.invoke("math:add", 2, 3).join());
      System.out.println("sendSync app:version     -> " + ipc.sendSync("app:version"));
      ipc.send("chat:say", "hello");
      System.out.println("send     chat:say        -> " + heard.join());
      window.webContents().send("chat:heard", "pushed by main");
    }
  }
}
