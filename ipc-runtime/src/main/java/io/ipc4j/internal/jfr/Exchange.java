package io.ipc4j.internal.jfr;

import jdk.jfr.Label;

/** The fields of an event on a channel: besides which way and which renderer, the channel and the frame. */
abstract class Exchange extends Crossing {
  @Label("Channel")
  String channel;

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
}
