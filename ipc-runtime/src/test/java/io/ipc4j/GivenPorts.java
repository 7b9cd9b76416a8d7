package io.ipc4j;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Hands a main-process port to a renderer, as port tests begin, and returns the renderer's port object for it. */
final class GivenPorts {
  private GivenPorts() {}

  /** Posts {@code port} to {@code renderer}'s main frame and waits (within the test deadline) until it arrives. */
  static MessagePort toRenderer(Renderer renderer, MessagePortMain port) {
    CompletableFuture<MessagePort> received = new CompletableFuture<>();
    renderer.ipcRenderer().once("given port", (event, args) -> received.complete(event.ports().get(0)));
    renderer.webContents().postMessage("given port", null, List.of(port));
    return received.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
  }
}
