package io.ipc4j;

import java.util.Objects;

/**
 * Why a renderer's process ended, as in Electron's {@code render-process-gone} event.
 *
 * @param reason the kind of ending
 * @param exitCode the process's exit code, or -1 if it is unknown
 */
public record RenderProcessGoneDetails(Reason reason, int exitCode) {
  /** The kinds of ending. */
  public enum Reason {
    /** The process exited with status 0. */
    CLEAN_EXIT,
    /** The process exited with a non-zero status. */
    ABNORMAL_EXIT,
    /** The process was killed by a signal (for example {@code kill -9}). */
    KILLED,
    /** The process was still running but its connection broke or it broke the protocol. */
    CRASHED,
    /** The process could not be started or never connected. */
    LAUNCH_FAILED
  }

  /**
   * Checks the reason.
   *
   * @param reason the kind of ending
   * @param exitCode the exit code, or -1
   */
  public RenderProcessGoneDetails {
    Objects.requireNonNull(reason, "reason");
  }
}
