package io.ipc4j.internal.jfr;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * {@code io.ipc4j.PortMessage}: one MessagePort message crossing the host, an instant: posted by a renderer on a port
 * it holds (renderer-to-main), or delivered by the host to a port a renderer holds (main-to-renderer). A message the
 * host relays from one renderer to another is both. Messages between two ports in the main process cross nothing and
 * have no event.
 */
@Name("io.ipc4j.PortMessage")
@Label("IPC Port Message")
@Description("A MessagePort message posted by a renderer, or delivered to one")
public final class IpcPortMessageEvent extends Crossing {
  /** Only asked whether the event is enabled: a message allocates no event while no recording wants one. */
  private static final IpcPortMessageEvent PROBE = new IpcPortMessageEvent();

  @Label("Port")
  @Description("The id of the port it was posted on (renderer-to-main) or delivered to (main-to-renderer)")
  long portId;

  @Label("Bytes")
  @DataAmount
  long bytes;

  private IpcPortMessageEvent() {}

  /**
   * Records one port message, if a recording wants it.
   *
   * @param portId the port it was posted on, or is delivered to
   * @param toMain true when a renderer posted it, false when the host delivers it to a renderer
   * @param rendererId the renderer's WebContents id
   * @param bytes its payload bytes
   */
  public static void record(long portId, boolean toMain, int rendererId, long bytes) {
    if (!PROBE.isEnabled()) {
      return;
    }
    IpcPortMessageEvent event = new IpcPortMessageEvent();
    if (event.shouldCommit()) {
      event.portId = portId;
      event.direction = toMain ? Outcomes.TO_MAIN : Outcomes.TO_RENDERER;
      event.rendererId = rendererId;
      event.bytes = bytes;
      event.commit();
    }
  }
}
