package io.ipc4j.internal.jfr;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * {@code io.ipc4j.Message}: one message that expects no answer, as the main process sees it: a renderer's {@code
 * send} (lasting while its listeners run) or the main process's {@code webContents.send}, {@code frame.send} or
 * {@code event.reply} (an instant).
 */
@Name("io.ipc4j.Message")
@Label("IPC Message")
@Description("A send from a renderer, or a webContents.send to one")
public final class IpcMessageEvent extends Exchange {
  /** Only asked whether the event is enabled: a message allocates no event while no recording wants one. */
  private static final IpcMessageEvent PROBE = new IpcMessageEvent();

  @Label("Bytes")
  @DataAmount
  private long bytes;

  @Label("Outcome")
  @Description("ok, error (a listener failed, or there was none) or rejected")
  private String outcome;

  private IpcMessageEvent() {}

  /**
   * Starts the event of one message, if a recording wants it.
   *
   * @param direction {@link Outcomes#TO_MAIN} or {@link Outcomes#TO_RENDERER}
   * @param channel the message's channel
   * @param rendererId the renderer's WebContents id
   * @param frameId the frame it came from or goes to
   * @param bytes its payload bytes
   * @return the started event, or null when no recording has it enabled
   */
  public static IpcMessageEvent begin(String direction, String channel, int rendererId, int frameId, long bytes) {
    if (!PROBE.isEnabled()) {
      return null;
    }
    IpcMessageEvent event = new IpcMessageEvent();
    event.bytes = bytes;
    event.begin(direction, channel, rendererId, frameId);
    return event;
  }

  /**
   * Records a message sent to a renderer, if a recording wants it.
   *
   * @param channel the message's channel
   * @param rendererId the renderer's WebContents id
   * @param frameId the frame it goes to
   * @param bytes its payload bytes
   */
  public static void sent(String channel, int rendererId, int frameId, long bytes) {
    IpcMessageEvent event = begin(Outcomes.TO_RENDERER, channel, rendererId, frameId, bytes);
    if (event != null) {
      event.finish(Outcomes.OK);
    }
  }

  /**
   * Ends the message and commits its event, if the recording still wants it.
   *
   * @param outcome how it ended (see {@link Outcomes})
   */
  public void finish(String outcome) {
    end();
    if (shouldCommit()) {
      this.outcome = outcome;
      commit();
    }
  }
}
