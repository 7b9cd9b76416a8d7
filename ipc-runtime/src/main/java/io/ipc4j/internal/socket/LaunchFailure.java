package io.ipc4j.internal.socket;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What a failed launch says: why, in the words of what was launched (its exit code and the end of its standard
 * error), so that the caller reads the cause instead of a guess.
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

  String exitedBeforeConnecting(int code, ErrorTail tail) {
    String exited = what + " exited with code " + code + describeCode(code) + " before it connected";
    String text = tail == null ? null : tail.text(1000);
    if (text == null) {
      return exited + " (its standard error was redirected, so it is not shown here)";
    }
    if (!text.isEmpty()) {
      return exited + "; the end of its standard error:\n" + text;
    }
    if (code != 0) {
      return exited + ", and wrote nothing to its standard error";
    }
    return exited + (javaRenderer ? ": its main method returned without calling IpcRenderer.connect()"
        : ": it must connect to " + ChildConnector.ENDPOINT_ENV + " and present the secret in "
            + ChildConnector.TICKET_ENV + " (docs/protocol.md, section 1)");
  }

  String didNotConnect(Duration timeout, ErrorTail tail) {
    String text = tail == null ? "" : tail.text(1000);
    return what + " did not connect within " + timeout.toMillis() + " ms; it was stopped"
        + (text.isEmpty() ? "" : ". The end of its standard error:\n" + text);
  }

  String interrupted() {
    return "Interrupted while launching " + what.substring(what.indexOf(' ') + 1) + "; it was stopped";
  }

  private static String describeCode(int code) {
    return code > 128 && code <= 128 + 64 ? " (signal " + (code - 128) + ")" : "";
  }
}
