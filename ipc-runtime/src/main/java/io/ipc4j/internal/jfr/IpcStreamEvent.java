package io.ipc4j.internal.jfr;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * {@code io.ipc4j.Stream}: one stream, from its opening until it ends, as the main process sees it: a renderer's
 * {@code ipcRenderer.stream} served by a main handler ({@link Outcomes#TO_MAIN}), or the main process's {@code
 * webContents.stream} served by a renderer handler ({@link Outcomes#TO_RENDERER}). Items and bytes count the items
 * that crossed (their payload bytes).
 */
@Name("io.ipc4j.Stream")
@Label("IPC Stream")
@Description("A stream between a renderer and the main process, until it ends")
public final class IpcStreamEvent extends Exchange {
  /** Only asked whether the event is enabled: a stream allocates no event while no recording wants one. */
  private static final IpcStreamEvent PROBE = new IpcStreamEvent();

  @Label("Items")
  private long items;

  @Label("Bytes")
  @DataAmount
  private long bytes;

  @Label("Outcome")
  @Description("ok, error, rejected, cancelled or disconnected")
  private String outcome;

  @Label("Failure")
  @Description("The class name of what failed the stream, if it failed")
  private String failure;

  private IpcStreamEvent() {}

  /**
   * Starts the event of one stream, if a recording wants it.
   *
   * @param direction {@link Outcomes#TO_MAIN} (a renderer opened it) or {@link Outcomes#TO_RENDERER}
   * @param channel the stream's channel
   * @param rendererId the renderer's WebContents id
   * @param frameId the frame that opened it or serves it
   * @return the started event, or null when no recording has it enabled
   */
  public static IpcStreamEvent open(String direction, String channel, int rendererId, int frameId) {
    if (!PROBE.isEnabled()) {
      return null;
    }
    IpcStreamEvent event = new IpcStreamEvent();
    event.begin(direction, channel, rendererId, frameId);
    return event;
  }

  /**
   * Ends the stream and commits its event, if the recording still wants it. Any thread; once per event.
   *
   * @param items how many items crossed
   * @param bytes their payload bytes
   * @param outcome how it ended (see {@link Outcomes})
   * @param failureType the class name of what failed it, or null
   */
  public void finish(long items, long bytes, String outcome, String failureType) {
    end();
    if (shouldCommit()) {
      this.items = items;
      this.bytes = bytes;
      this.outcome = outcome;
      this.failure = failureType;
      commit();
    }
  }
}
