package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.IpcException;
import io.ipc4j.IpcHost;
import io.ipc4j.RenderProcessGoneDetails;
import io.ipc4j.RenderProcessGoneDetails.Reason;
import io.ipc4j.WebContents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code IpcHost.launchProcess}: any program as a renderer, its pid and exit its own, its failures explained. */
class LaunchProcessTest {
  /** A renderer JVM started the way a user would start any program: an explicit command line. */
  private static ProcessBuilder javaProgram(Class<?> mainClass, String... args) {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
        mainClass.getName());
    builder.command().addAll(List.of(args));
    return builder;
  }

  private static ProcessBuilder shell(String script) {
    return new ProcessBuilder("/bin/sh", "-c", script);
  }

  @Test
  void aLaunchedProgramIsARendererWithItsOwnPidAndAnswersCalls() throws Exception {
    try (IpcHost host = IpcHost.overSockets()) {
      BlockingQueue<Boolean> ready = new LinkedBlockingQueue<>();
      host.ipcMain().on("ready", (event, args) -> {
        ready.add(true);
        event.setReturnValue(null);
      });
      ProcessBuilder builder = javaProgram(ChildMains.Answerer.class);
      WebContents child = host.launchProcess(builder);
      assertThat(ready.poll(20, TimeUnit.SECONDS)).isTrue();
      assertThat(child.invoke("add", 2, 3).get(30, TimeUnit.SECONDS)).isEqualTo(5);
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> child.invoke("fail").get(30, TimeUnit.SECONDS));
      // the child names its own pid: osProcessId() is the launched program's
      assertThat(e).hasCauseThat().hasMessageThat().endsWith("refused in " + child.osProcessId());
      assertThat(builder.environment()).doesNotContainKey(ChildConnector.TICKET_ENV); // the caller's builder is copied
    }
  }

  @Test
  void aLaunchedProgramFindsItsOwnEnvironmentAndTheEndpointAndTicketInIt() {
    try (IpcHost host = IpcHost.builder().maxFrameBytes(4096).overSockets()) {
      ProcessBuilder builder = shell("echo \"$GREETING|$IPC4J_ENDPOINT|$IPC4J_MAX_FRAME_BYTES\" >&2; "
          + "[ -r \"$IPC4J_TICKET\" ] && echo \"ticket of $(wc -c < \"$IPC4J_TICKET\") bytes\" >&2; exit 5");
      builder.environment().put("GREETING", "set by the caller");
      IpcException e = assertThrows(IpcException.class, () -> host.launchProcess(builder));
      assertThat(e).hasMessageThat().containsMatch("set by the caller\\|unix:/.+/host\\.sock\\|4096\n"
          + "ticket of +32 bytes$");
    }
  }

  @Test
  void renderProcessGoneGivesTheLaunchedProgramsOwnExitCode() throws Exception {
    try (IpcHost host = IpcHost.overSockets()) {
      host.ipcMain().on("ready", (event, args) -> event.setReturnValue(null));
      WebContents child = host.launchProcess(javaProgram(ChildMains.Exiter.class, "3"));
      CompletableFuture<RenderProcessGoneDetails> gone = new CompletableFuture<>();
      child.onRenderProcessGone(gone::complete);
      assertThat(gone.get(20, TimeUnit.SECONDS)).isEqualTo(new RenderProcessGoneDetails(Reason.ABNORMAL_EXIT, 3));
    }
  }

  @Test
  void aProgramThatExitsBeforeConnectingFailsInTheCallerWithTheEndOfItsStandardError() {
    ByteArrayOutputStream passedOn = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(passedOn, true, StandardCharsets.UTF_8));
    IpcException e;
    try (IpcHost host = IpcHost.overSockets()) {
      e = assertThrows(IpcException.class, () -> host.launchProcess(shell(
          "i=1; while [ $i -le 30 ]; do echo \"line $i\" >&2; i=$((i+1)); done; echo 'no socket here' >&2; exit 7")));
      assertThat(host.allWebContents()).isEmpty();
    } finally {
      System.setErr(stderr);
    }
    assertThat(e).hasMessageThat().contains("exited with code 7 before it connected");
    assertThat(e).hasMessageThat().endsWith("line 30\nno socket here"); // the last lines, whole
    assertThat(e).hasMessageThat().doesNotContain("line 11\n"); // at most 20 lines
    assertThat(e).hasMessageThat().doesNotContain("IpcRenderer.connect()"); // its stderr says why, not a guess
    assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getClassName))
        .contains(LaunchProcessTest.class.getName()); // made in the caller's thread, not an exit watcher's
    assertThat(passedOn.toString(StandardCharsets.UTF_8)).contains("line 1\n"); // and all of it was passed on
  }

  @Test
  void aProgramWhoseErrorsGoToItsOutputHasItsOutputShown() {
    try (IpcHost host = IpcHost.overSockets()) {
      IpcException e = assertThrows(IpcException.class,
          () -> host.launchProcess(shell("echo 'cannot open display' >&2; exit 3").redirectErrorStream(true)));
      assertThat(e).hasMessageThat().endsWith(
          "exited with code 3 before it connected; the end of its standard output:\ncannot open display");
    }
  }

  @Test
  void aProgramWhoseOutputIsRedirectedElsewhereSaysSoInsteadOfShowingIt(@TempDir Path dir) {
    try (IpcHost host = IpcHost.overSockets()) {
      IpcException e = assertThrows(IpcException.class, () -> host.launchProcess(shell("echo lost >&2; exit 3")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("err.txt").toFile())));
      assertThat(e).hasMessageThat().endsWith(
          "exited with code 3 before it connected (its output is redirected, so it is not shown here)");
    }
  }

  @Test
  void aProgramThatExitsCleanlyWithoutConnectingIsToldWhatARendererMustDo() {
    try (IpcHost host = IpcHost.overSockets()) {
      IpcException e = assertThrows(IpcException.class, () -> host.launchProcess(shell("exit 0")));
      assertThat(e).hasMessageThat().contains("exited with code 0 before it connected: it must connect to "
          + "IPC4J_ENDPOINT");
    }
  }

  @Test
  void aProgramThatNeverConnectsIsStoppedAfterTheLaunchTimeout(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("pid");
    try (IpcHost host = IpcHost.builder().launchTimeout(Duration.ofSeconds(1)).overSockets()) {
      IpcException e = assertThrows(IpcException.class, () -> host.launchProcess(shell(
          "echo $$ > '" + pidFile + "'; echo 'waiting for nothing' >&2; exec sleep 60")));
      assertThat(e).hasMessageThat().contains("did not connect within 1000 ms; it was stopped");
      assertThat(e).hasMessageThat().endsWith("waiting for nothing");
    }
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void aProgramThatCannotStartSaysWhichCommandFailed() {
    try (IpcHost host = IpcHost.overSockets()) {
      IpcException e = assertThrows(IpcException.class,
          () -> host.launchProcess(new ProcessBuilder("/nonexistent/renderer", "--flag")));
      assertThat(e).hasMessageThat().contains("could not be started (/nonexistent/renderer --flag)");
    }
  }

  @Test
  void anInProcessHostCannotLaunchPrograms() {
    try (IpcHost host = IpcHost.inProcess()) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> host.launchProcess(shell("exit 0")));
      assertThat(e).hasMessageThat().contains("IpcHost.overSockets()");
    }
  }
}
