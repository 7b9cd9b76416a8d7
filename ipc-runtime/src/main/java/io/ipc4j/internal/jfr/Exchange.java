package io.ipc4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/**
 * The fields every ipc4j event has: which channel, which way, and which renderer and frame at the other end. They
 * are not private: Flight Recorder leaves a superclass's private fields out of its events.
 */
@Category("ipc4j")
@StackTrace(false)
abstract class Exchange extends Event {
  @Label("Channel")
  String channel;

  @Label("Direction")
  @Description("renderer-to-main or main-to-renderer")
  String direction;

  @Label("Renderer")
  @Description("The renderer's WebContents id")
  int rendererId;

  @Label("Frame")
  int frameId;

  /** Fills the common fields and starts the event's clock. */
  final void begin(String direction, String channel, int rendererId, int frameId) {
    this.direction = direction;
    this.channel = channel;
    this.rendererId = rendererId;
    this.frameId = frameId;
    begin();
  }

  final boolean toMain() {
    return Outcomes.TO_MAIN.equals(direction);
  }
}
