package io.ipc4j.example;

import io.ipc4j.annotations.IpcChannel;
import io.ipc4j.annotations.Timeout;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What the main process may ask of a notes window, which serves this interface in its renderer. */
@IpcChannel("window")
public interface WindowApi {
  /**
   * Asked before the app quits: the window's unsaved edits. An empty list means it is fine to close; otherwise the
   * main process keeps each draft as a note before closing the window, so quitting loses nothing. A window may
   * answer late (when it finishes what it is doing), but the main process waits only until the deadline and then
   * closes it anyway.
   *
   * @return the unsaved edits, later
   */
  @Timeout(value = Quit.DEADLINE_SECONDS, unit = TimeUnit.SECONDS)
  CompletableFuture<List<Draft>> confirmClose();
}
