package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcException;
import io.ipc4j.IpcHost;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A renderer JVM that exits before it connects: the launch fails in the caller and says why, in the child's words. */
class LaunchRendererFailureTest {
  @Test
  void aChildThatThrowsInMainFailsTheLaunchInTheCallerWithTheEndOfItsStandardError() {
    try (IpcHost host = ChildProcessTest.host().overSockets()) {
      IpcException e = assertThrows(IpcException.class, () -> host.launchRenderer(Thrower.class));
      assertThat(e).hasMessageThat().contains("The renderer " + Thrower.class.getName()
          + " exited with code 1 before it connected; the end of its standard error:\n");
      assertThat(e).hasMessageThat().contains("IllegalStateException: no settings file at /nowhere");
      assertThat(e).hasMessageThat().doesNotContain("IpcRenderer.connect()");
      assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getClassName))
          .contains(LaunchRendererFailureTest.class.getName());
      assertThat(host.allWebContents()).isEmpty();
    }
  }

  @Test
  void aChildThatReturnsFromMainWithoutConnectingIsToldItNeverCalledConnect() {
    try (IpcHost host = ChildProcessTest.host().overSockets()) {
      IpcException e = assertThrows(IpcException.class, () -> host.launchRenderer(Returner.class));
      assertThat(e).hasMessageThat().isEqualTo("The renderer " + Returner.class.getName() + " exited with code 0 "
          + "before it connected: its main method returned without calling IpcRenderer.connect()");
    }
  }

  @Test
  void aChildThatPrintsOnlyToStandardOutputBeforeExitingHasThatShown() {
    try (IpcHost host = ChildProcessTest.host().overSockets()) {
      IpcException e = assertThrows(IpcException.class, () -> host.launchRenderer(Printer.class));
      assertThat(e).hasMessageThat().endsWith("exited with code 2 before it connected, with nothing on its standard "
          + "error; the end of its standard output:\nusage: printer <file>");
    }
  }

  /** Fails before it connects, as a renderer whose set-up throws does. */
  public static final class Thrower {
    public static void main(String[] args) {
      throw new IllegalStateException("no settings file at /nowhere");
    }
  }

  /** Returns from main without connecting. */
  public static final class Returner {
    public static void main(String[] args) {}
  }

  /** Says how it is used, on standard output, and exits, as the JVM itself does when it cannot start a module. */
  public static final class Printer {
    public static void main(String[] args) {
      System.out.println("usage: printer <file>");
      System.exit(2);
    }
  }
}
