package io.ipc4j.internal.socket;

import io.ipc4j.RenderProcessGoneDetails;
import io.ipc4j.RenderProcessGoneDetails.Reason;

/** How a renderer's process went, from its exit code, for render-process-gone listeners. */
final class ExitReasons {
  private ExitReasons() {}

  /**
   * The details of a renderer whose connection ended.
   *
   * @param process its process, or null for a renderer in the host's JVM
   */
  static RenderProcessGoneDetails of(Process process) {
    if (process == null) {
      return new RenderProcessGoneDetails(Reason.CRASHED, -1);
    }
    if (process.isAlive()) { // still running a second after its socket closed
      process.destroyForcibly();
      return new RenderProcessGoneDetails(Reason.CRASHED, -1);
    }
    int code = process.exitValue();
    if (code == 0) {
      return new RenderProcessGoneDetails(Reason.CLEAN_EXIT, 0);
    }
    if (code > 128 && code <= 128 + 64) {
      return new RenderProcessGoneDetails(Reason.KILLED, code); // 128 + the signal number
    }
    return new RenderProcessGoneDetails(Reason.ABNORMAL_EXIT, code);
  }
}
