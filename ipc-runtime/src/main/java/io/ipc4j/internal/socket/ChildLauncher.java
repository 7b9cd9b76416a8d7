package io.ipc4j.internal.socket;

import io.ipc4j.IpcException;
import io.ipc4j.WebContents;
import io.ipc4j.internal.ConnectedRenderer;
import io.ipc4j.internal.HostPort;
import io.ipc4j.internal.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.lang.System.Logger.Level;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * Launches renderers, JVMs or any program: the command line, a one-time secret in a file only its user can read
 * (named in the child's environment, never on its command line), and the wait for its connection; and ends the
 * children, each after its grace period.
 */
final class ChildLauncher {
  private static final System.Logger LOG = Log.IPC4J;
  /** How long a process seen to exit gets for its HELLO, already sent, to be read and admitted. */
  private static final long EXIT_WAIT_MILLIS = 500;

  private final SocketOptions options;
  private final HostPort host;
  private final ListeningSocket listening;
  private final Admission admission;
  /** Each running child, and what completes once it has exited and its exit was handled (its archive kept). */
  private final Map<Process, CompletableFuture<?>> children = new ConcurrentHashMap<>();
  private final ClassDataArchive archive;

  ChildLauncher(SocketOptions options, HostPort host, ListeningSocket listening, Admission admission) {
    this.options = options;
    this.archive = options.classDataCache() == null ? null : new ClassDataArchive(options.classDataCache());
    this.host = host;
    this.listening = listening;
    this.admission = admission;
  }

  /** Launches a renderer JVM and waits until it has connected. */
  WebContents launch(Class<?> mainClass, String... args) {
    JavaCommand.Facts facts = JavaCommand.Facts.of(mainClass);
    ClassDataArchive.Use sharing = archive == null ? ClassDataArchive.Use.NONE
        : archive.forLaunch(facts, options.jvmOptions());
    List<String> jvmOptions = new ArrayList<>(sharing.options()); // first: the builder's options may log again
    jvmOptions.addAll(options.jvmOptions());
    List<String> command = JavaCommand.of(facts, mainClass, jvmOptions, List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(Redirect.INHERIT);
    return start(builder, new LaunchFailure("The renderer " + mainClass.getName(), true),
        sharing.pending() == null ? null : exitValue -> archive.exited(sharing, exitValue));
  }

  /**
   * Launches any program as a renderer and waits until it has connected. The builder is copied, not changed:
   * standard input left as a pipe is inherited instead (nothing could write to it), and output and error left as
   * pipes are passed on to this process's.
   */
  WebContents launchProcess(ProcessBuilder given) {
    if (given.command().isEmpty()) {
      throw new IllegalArgumentException("The ProcessBuilder has no command");
    }
    ProcessBuilder builder = new ProcessBuilder(given.command()).directory(given.directory())
        .redirectInput(inheritIfPipe(given.redirectInput())).redirectOutput(given.redirectOutput())
        .redirectError(given.redirectError()).redirectErrorStream(given.redirectErrorStream());
    builder.environment().clear();
    builder.environment().putAll(given.environment());
    return start(builder, new LaunchFailure("The renderer program " + given.command().get(0), false), null);
  }

  private static Redirect inheritIfPipe(Redirect redirect) {
    return redirect.type() == Redirect.Type.PIPE ? Redirect.INHERIT : redirect;
  }

  /**
   * Starts the process with a ticket of its own in its environment and waits until it has connected;
   * {@code exited}, if not null, is given the exit value once the process ends (-1 if it never started).
   */
  private WebContents start(ProcessBuilder builder, LaunchFailure failure, IntConsumer exited) {
    Ticket ticket = admission.expect();
    Path secretFile = listening.directory.resolve("ticket-" + ticket.rendererId);
    Process process;
    try {
      writeSecret(secretFile, ticket.secret);
      builder.environment().put(ChildConnector.ENDPOINT_ENV, listening.endpoint.text());
      builder.environment().put(ChildConnector.TICKET_ENV, secretFile.toString());
      builder.environment().put(ChildConnector.MAX_FRAME_ENV, Integer.toString(options.maxFrameBytes()));
      process = builder.start();
    } catch (IOException e) {
      admission.forget(ticket);
      ListeningSocket.deleteQuietly(secretFile);
      if (exited != null) {
        exited.accept(-1);
      }
      throw new IpcException(failure.couldNotStart(builder.command(), e), e);
    }
    CompletableFuture<?> ended = process.onExit().thenAccept(gone -> {
      if (exited != null) {
        exited.accept(gone.exitValue());
      }
    });
    ticket.process = process;
    children.put(process, ended);
    ended.whenComplete((done, thrown) -> children.remove(process));
    StreamTail out = capture(builder.redirectOutput(), process.getInputStream(), System.out, "stdout", process);
    StreamTail err = builder.redirectErrorStream() ? null
        : capture(builder.redirectError(), process.getErrorStream(), System.err, "stderr", process);
    LaunchFailure.Output output = new LaunchFailure.Output(out, err);
    try {
      CompletableFuture.anyOf(ticket.admitted, process.onExit())
          .get(options.launchTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return admittedOrExited(ticket, process, output, failure).webContents();
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new IpcException(failure.didNotConnect(options.launchTimeout(), output));
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause(); // only admission fails the future: the host closed, or refused it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IpcException(failure.interrupted());
    } finally {
      admission.forget(ticket);
      ListeningSocket.deleteQuietly(secretFile);
    }
  }

  /**
   * The renderer once admitted; or, when its process ended first, the failure thrown here in the caller's thread.
   * A process that connected and exited at once may be seen to exit before its HELLO is read: it gets a moment.
   */
  private static ConnectedRenderer admittedOrExited(Ticket ticket, Process process, LaunchFailure.Output output,
      LaunchFailure failure) throws ExecutionException, InterruptedException {
    try {
      return ticket.admitted.get(ticket.admitted.isDone() ? 0 : EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IpcException(failure.exitedBeforeConnecting(process.exitValue(), output));
    }
  }

  /** Passes on, and keeps the end of, a stream of the child's that is a pipe; null for one redirected elsewhere. */
  private static StreamTail capture(Redirect redirect, InputStream from, OutputStream to, String name,
      Process process) {
    return redirect.type() == Redirect.Type.PIPE
        ? StreamTail.start(from, to, "ipc4j-" + name + "-" + process.pid()) : null;
  }

  private static void writeSecret(Path file, byte[] secret) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE)));
    }
    Files.write(file, secret, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Ends a child that was asked to exit, once the grace period has passed. */
  void endLater(Process process) {
    if (!process.isAlive()) {
      return;
    }
    host.completeOnTimeout(process.onExit(), null, options.shutdownGrace()).thenRun(() -> {
      if (process.isAlive()) {
        LOG.log(Level.INFO, "ipc4j: renderer process {0} did not exit within the grace period; ending it",
            String.valueOf(process.pid())); // a pid, not a number to group
        process.destroyForcibly();
      }
    });
  }

  /**
   * Waits for every child to exit, together at most the grace period, and ends those that do not; each child's exit
   * is handled (a class-data archive it wrote is kept) before this returns, so nothing writes to the cache directory
   * after the host has closed.
   */
  void endAll() {
    long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
    for (Map.Entry<Process, CompletableFuture<?>> child : new ArrayList<>(children.entrySet())) {
      try {
        if (!ended(child.getValue(), deadline - System.nanoTime())) {
          child.getKey().destroyForcibly();
          ended(child.getValue(), TimeUnit.SECONDS.toNanos(5));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        child.getKey().destroyForcibly();
      }
    }
  }

  /** Whether a child's exit was handled within {@code nanos}. */
  private static boolean ended(CompletableFuture<?> exitHandled, long nanos) throws InterruptedException {
    try {
      exitHandled.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true; // the exit handler failed: the child has exited all the same
    }
  }
}
