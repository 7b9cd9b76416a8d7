package com.example.clock;

import io.ipc4j.annotations.IpcChannel;

/** A contract whose record crosses as itself: its codec is generated into this module. */
@IpcChannel
public interface Clock {
  /** A time of day. */
  record Time(int hour, int minute) {}

  /** The time in {@code zone}. */
  Time now(String zone);
}
