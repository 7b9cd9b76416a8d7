package io.ipc4j.internal.jfr;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * {@code io.ipc4j.Call}: one call that expects an answer, from its start to its answer, as the main process sees it:
 * a renderer's {@code invoke} or {@code sendSync} (from its arrival until the answer is sent), or the main process's
 * {@code webContents.invoke} (from the call until the answer arrives, the deadline passes or the renderer goes).
 * Bytes are payload bytes as the main process counts them: in is what it received, out what it sent.
 */
@Name("io.ipc4j.Call")
@Label("IPC Call")
@Description("An invoke or sendSync between a renderer and the main process, until its answer")
public final class IpcCallEvent extends Exchange {
  /**
   * Only asked whether the event is enabled, never filled or committed: so a call allocates no event while no
   * recording wants one.
   */
  private static final IpcCallEvent PROBE = new IpcCallEvent();

  @Label("Kind")
  @Description("invoke or sendSync")
  private String kind;

  @Label("Bytes In")
  @DataAmount
  private long bytesIn;

  @Label("Bytes Out")
  @DataAmount
  private long bytesOut;

  @Label("Outcome")
  @Description("ok, error, rejected, timeout, cancelled or disconnected")
  private String outcome;

  @Label("Failure")
  @Description("The class name of what failed the call, if it failed")
  private String failure;

  private IpcCallEvent() {}

  /**
   * Starts the event of one call, if a recording wants it.
   *
   * @param kind {@code invoke} or {@code sendSync}
   * @param direction {@link Outcomes#TO_MAIN} or {@link Outcomes#TO_RENDERER}
   * @param channel the call's channel
   * @param rendererId the renderer's WebContents id
   * @param frameId the frame the call came from or goes to
   * @param requestBytes the payload bytes of the request
   * @return the started event, or null when no recording has it enabled
   */
  public static IpcCallEvent begin(String kind, String direction, String channel, int rendererId, int frameId,
      long requestBytes) {
    if (!PROBE.isEnabled()) {
      return null;
    }
    IpcCallEvent event = new IpcCallEvent();
    event.kind = kind;
    if (Outcomes.TO_MAIN.equals(direction)) {
      event.bytesIn = requestBytes;
    } else {
      event.bytesOut = requestBytes;
    }
    event.begin(direction, channel, rendererId, frameId);
    return event;
  }

  /**
   * Ends the call and commits its event, if the recording still wants it. Any thread; once per event.
   *
   * @param answerBytes the payload bytes of the answer, 0 if none
   * @param outcome how it ended (see {@link Outcomes})
   * @param failureType the class name of what failed it, or null
   */
  public void finish(long answerBytes, String outcome, String failureType) {
    end();
    if (shouldCommit()) {
      if (toMain()) {
        bytesOut = answerBytes;
      } else {
        bytesIn = answerBytes;
      }
      this.outcome = outcome;
      this.failure = failureType;
      commit();
    }
  }
}
