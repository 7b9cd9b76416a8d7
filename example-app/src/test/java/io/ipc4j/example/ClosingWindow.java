package io.ipc4j.example;

import io.ipc4j.IpcRenderer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A window that only answers {@link WindowApi#confirmClose}, in a way its name chooses; also a renderer JVM's main. */
public final class ClosingWindow {
  /** The channel on which a renderer JVM says it serves {@link WindowApi}. */
  static final String READY = "closing:ready";

  private ClosingWindow() {}

  /**
   * How a window answers.
   *
   * @param how {@code clean} (nothing unsaved), {@code unsaved} (one draft) or {@code silent} (never answers)
   * @return the behaviour
   */
  static WindowApi behaving(String how) {
    return switch (how) {
      case "clean" -> () -> CompletableFuture.completedFuture(List.of());
      case "unsaved" -> () -> CompletableFuture.completedFuture(List.of(new Draft("Unsent letter", "Dear Sam")));
      case "silent" -> CompletableFuture::new;
      default -> throw new IllegalArgumentException(how);
    };
  }

  /**
   * Serves {@link WindowApi} as {@code args[0]} says, then tells the main process.
   *
   * @param args the behaviour's name
   */
  public static void main(String[] args) throws Exception {
    IpcRenderer ipc = IpcRenderer.connect();
    WindowApiIpc.register(ipc, behaving(args[0]));
    ipc.send(READY);
    Thread.currentThread().join();
  }
}
