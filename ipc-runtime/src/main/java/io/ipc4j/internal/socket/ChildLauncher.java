package io.ipc4j.internal.socket;

import io.ipc4j.IpcException;
import io.ipc4j.WebContents;
import io.ipc4j.internal.HostPort;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Launches renderer JVMs: the command line, a one-time secret in a file only its user can read (named in the
 * child's environment, never on its command line), and the wait for its connection; and ends the children, each
 * after its grace period.
 */
final class ChildLauncher {
  private static final System.Logger LOG = System.getLogger("io.ipc4j");

  private final SocketOptions options;
  private final HostPort host;
  private final ListeningSocket listening;
  private final Admission admission;
  private final Set<Process> children = ConcurrentHashMap.newKeySet();

  ChildLauncher(SocketOptions options, HostPort host, ListeningSocket listening, Admission admission) {
    this.options = options;
    this.host = host;
    this.listening = listening;
    this.admission = admission;
  }

  /** Launches a renderer JVM and waits until it has connected. */
  WebContents launch(Class<?> mainClass, String... args) {
    Ticket ticket = admission.expect();
    Path secretFile = listening.directory.resolve("ticket-" + ticket.rendererId);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
        "java").toString()));
    command.addAll(options.jvmOptions());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    Process process;
    try {
      writeSecret(secretFile, ticket.secret);
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      builder.environment().put(ChildConnector.ENDPOINT_ENV, listening.endpoint.text());
      builder.environment().put(ChildConnector.TICKET_ENV, secretFile.toString());
      builder.environment().put(ChildConnector.MAX_FRAME_ENV, Integer.toString(options.maxFrameBytes()));
      process = builder.start();
    } catch (IOException e) {
      admission.forget(ticket);
      ListeningSocket.deleteQuietly(secretFile);
      throw new IpcException("Could not start a renderer JVM (" + String.join(" ", command) + "): "
          + e.getMessage(), e);
    }
    ticket.process = process;
    children.add(process);
    process.onExit().thenRun(() -> {
      children.remove(process);
      ticket.admitted.completeExceptionally(new IpcException("The renderer " + mainClass.getName()
          + " exited with code " + process.exitValue() + " before it connected (did it call IpcRenderer.connect()?)"));
    });
    try {
      return ticket.admitted.get(options.launchTimeout().toMillis(), TimeUnit.MILLISECONDS).webContents();
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new IpcException("The renderer " + mainClass.getName() + " did not connect within "
          + options.launchTimeout().toMillis() + " ms; it was stopped");
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IpcException("Interrupted while launching " + mainClass.getName());
    } finally {
      admission.forget(ticket);
      ListeningSocket.deleteQuietly(secretFile);
    }
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
            process.pid());
        process.destroyForcibly();
      }
    });
  }

  /** Waits for every child to exit, together at most the grace period, and ends those that do not. */
  void endAll() {
    long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
    for (Process child : new ArrayList<>(children)) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !child.waitFor(left, TimeUnit.NANOSECONDS)) {
          child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        child.destroyForcibly();
      }
    }
  }
}
