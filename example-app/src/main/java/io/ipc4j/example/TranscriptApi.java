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
   * Ends this window's turn; answered after every line it sent before (messages from one window keep their order).
   *
   * @return nothing
   */
  boolean done();
}
