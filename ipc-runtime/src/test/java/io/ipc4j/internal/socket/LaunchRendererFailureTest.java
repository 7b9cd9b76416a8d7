package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipc4j.IpcException;
import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
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
  void aProcessNoHostStartedIsToldHowToStartOneWhenItConnects() {
    assumeTrue(System.getenv(ChildConnector.ENDPOINT_ENV) == null, "this JVM was not started by a host");
    IpcException e = assertThrows(IpcException.class, IpcRenderer::connect);
    assertThat(e).hasMessageThat().isEqualTo("IpcRenderer.connect() found no host: this process was not started by "
        + "IpcHost.launchRenderer or launchProcess (the IPC4J_ENDPOINT and IPC4J_TICKET environment variables are "
        + "not set). Launch it from a host, or use IpcHost.inProcess() and host.openRenderer() to run renderers as "
        + "threads.");
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
