package io.ipc4j.example;

import io.ipc4j.annotations.IpcChannel;
import io.ipc4j.annotations.Send;

/** What a notes window may ask of the application as a whole. */
@IpcChannel("app")
public interface AppApi {
  /** Asks the main process to quit: it first asks every window for its unsaved edits ({@link WindowApi}). */
  @Send
  void quit();
}
