package io.ipc4j.example;

import io.ipc4j.annotations.IpcChannel;
import io.ipc4j.annotations.Send;

/**
 * How windows report what they did: the main process prints every line, so the transcript of several processes
 * reads in one order.
 */
@IpcChannel("transcript")
public interface TranscriptApi {
  /**
   * One line of the transcript.
   *
   * @param text the line
   */
  @Send
  void line(String text);

  /**
   * Says this window is set up and listening; the main process starts the session once every window is.
   *
   * @return nothing of interest
   */
  boolean ready();

  /**
   * Ends this window's turn. It arrives after every line the window sent before it: messages from one window keep
   * their order.
   */
  @Send
  void done();
}
