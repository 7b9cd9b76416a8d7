package io.ipc4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/**
 * The fields of every ipc4j event: which way it crossed, and the renderer at the other end. They are not private:
 * Flight Recorder leaves a superclass's private fields out of its events.
 */
@Category("ipc4j")
@StackTrace(false)
abstract class Crossing extends Event {
  @Label("Direction")
  @Description("renderer-to-main or main-to-renderer")
  String direction;

  @Label("Renderer")
  @Description("The renderer's WebContents id")
  int rendererId;

  final boolean toMain() {
    return Outcomes.TO_MAIN.equals(direction);
  }
}
