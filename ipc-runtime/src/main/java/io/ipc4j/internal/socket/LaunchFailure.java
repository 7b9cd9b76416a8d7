package io.ipc4j.internal.socket;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What a failed launch says: why, in the words of what was launched (its exit code and the end of what it wrote),
 * so that the caller reads the cause instead of a guess.
 */
final class LaunchFailure {
  private final String what;
  private final boolean javaRenderer;

  /**
   * @param what the renderer, as the messages name it ("The renderer com.example.Main")
   * @param javaRenderer whether it is a JVM running ipc4j, which connects by calling {@code IpcRenderer.connect()}
   */
  LaunchFailure(String what, boolean javaRenderer) {
    this.what = what;
    this.javaRenderer = javaRenderer;
  }

  String couldNotStart(List<String> command, IOException e) {
    return what + " could not be started (" + String.join(" ", command) + "): " + e.getMessage();
  }

  /**
   * What the child wrote, each stream kept only where it was a pipe.
   *
   * @param out its standard output (with its standard error, where the builder merges them), or null
   * @param err its standard error, or null
   */
  record Output(StreamTail out, StreamTail err) {
    /** Why, in its own words: the end of its standard error, or of its output when its error has nothing. */
    String why(String before) {
      String errText = err == null ? null : err.text(WAIT_MILLIS);
      String outText = out == null ? "" : out.text(WAIT_MILLIS);
      if (errText != null && !errText.isEmpty()) {
        return before + "; the end of its standard error:\n" + errText;
      }
      if (!outText.isEmpty()) {
        return before + (errText == null ? "" : ", with nothing on its standard error")
            + "; the end of its standard output:\n" + outText;
      }
      return null;
    }
  }

  /** How long a stream's end gets to arrive after the process exited (a grandchild may hold it open). */
  private static final long WAIT_MILLIS = 1000;

  String exitedBeforeConnecting(int code, Output output) {
    String exited = what + " exited with code " + code + describeCode(code) + " before it connected";
    String why = output.why(exited);
    if (why != null) {
      return why;
    }
    if (output.err() == null && output.out() == null) {
      return exited + " (its output is redirected, so it is not shown here)";
    }
    if (code != 0) {
      return exited + ", and wrote nothing" + (output.err() == null ? " to its standard output"
          : output.out() == null ? " to its standard error" : "");
    }
    return exited + (javaRenderer ? ": its main method returned without calling IpcRenderer.connect()"
        : ": it must connect to " + ChildConnector.ENDPOINT_ENV + " and present the secret in "
            + ChildConnector.TICKET_ENV + " (docs/protocol.md, section 1)");
  }

  String didNotConnect(Duration timeout, Output output) {
    String stopped = what + " did not connect within " + timeout.toMillis() + " ms; it was stopped";
    String why = output.why(stopped);
    return why == null ? stopped : why;
  }

  String interrupted() {
    return "Interrupted while launching " + what.substring(what.indexOf(' ') + 1) + "; it was stopped";
  }

  private static String describeCode(int code) {
    return code > 128 && code <= 128 + 64 ? " (signal " + (code - 128) + ")" : "";
  }
}
