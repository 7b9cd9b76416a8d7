package io.ipc4j;

import jdk.jfr.Recording;

/** How the tests of the runtime's Flight Recorder events start a recording. */
final class Recordings {
  private Recordings() {}

  /**
   * A new recording, not started, whose string fields read back whole. The JDK keeps a cache of the strings its
   * events have put in a recording's string pool; an event committed while an earlier recording stopped (from a host
   * of an earlier test, still closing) can leave a cache entry whose string is in no later recording's pool, and a
   * class name such as {@code io.ipc4j.IpcDisconnectedException} then reads back as null. Stopping a recording while
   * no other runs clears that cache, so one is started and stopped first.
   */
  static Recording fresh() {
    try (Recording clean = new Recording()) {
      clean.start();
      clean.stop();
    }
    return new Recording();
  }
}
