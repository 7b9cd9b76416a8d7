package io.ipc4j;

import io.ipc4j.internal.RuntimeEntry;
import io.ipc4j.spi.TypeCodec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The main process's entry point: it owns the main event loop, the global {@link IpcMain} and every renderer.
 *
 * <pre>{@code
 * try (IpcHost host = IpcHost.inProcess()) {            // renderers are threads in this JVM
 *   host.ipcMain().handle("ping", (event, args) -> "pong");
 *   Renderer r = host.openRenderer();
 *   r.ipcRenderer().invoke("ping").join();             // "pong"
 * }
 * }</pre>
 *
 * <p>{@link #close()} closes every renderer and fails every pending call with {@link IpcDisconnectedException}.
 */
public interface IpcHost extends AutoCloseable {
  /** The deadline of {@code invoke} and {@code sendSync} when neither the call nor the host names one. */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** The largest frame a socket host and its renderers accept unless configured otherwise: 64 MiB. */
  int DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;
  /** How long a socket may stall (see {@link Builder#stallTime}) unless configured otherwise: 30 seconds. */
  Duration DEFAULT_STALL_TIME = Duration.ofSeconds(30);
  /** How many bytes may wait to be written to one renderer unless configured otherwise: 64 MiB. */
  long DEFAULT_MAX_OUTBOUND_BYTES = 64L * 1024 * 1024;
  /** How many connections may be in their handshake at once unless configured otherwise: 64. */
  int DEFAULT_MAX_PENDING_CONNECTIONS = 64;
  /** How many calls one renderer may have in flight unless configured otherwise: 10,000. */
  int DEFAULT_MAX_CALLS_IN_FLIGHT = 10_000;
  /** How long a task may hold the main loop before a warning is logged, unless configured otherwise: 2 seconds. */
  Duration DEFAULT_BLOCKED_LOOP_WARNING = Duration.ofSeconds(2);
  /** How long waiting threads spin before they park ({@link Builder#spinTime}), unless configured otherwise: 50 µs. */
  Duration DEFAULT_SPIN_TIME = Duration.ofNanos(50_000);

  /**
   * A host whose renderers are threads in this JVM, with default options.
   *
   * @return a running host
   */
  static IpcHost inProcess() {
    return builder().inProcess();
  }

  /**
   * A host that can launch renderers as child JVMs ({@link #launchRenderer}), with default options. It listens on a
   * Unix domain socket in a fresh directory only this user can read (TCP loopback where the platform has no Unix domain
   * sockets); each child gets a one-time secret, and a connection without one is refused.
   *
   * @return a running host
   */
  static IpcHost overSockets() {
    return builder().overSockets();
  }

  /** {@return a new builder for a host with options} */
  static Builder builder() {
    return new Builder();
  }

  /**
   * The global {@code IpcMain}: it sees every renderer's messages, after each renderer's own {@link WebContents#ipc()}.
   *
   * @return the global {@code IpcMain}
   */
  IpcMain ipcMain();

  /**
   * Opens a renderer that runs as threads in this JVM. On a host built with {@link #overSockets()} it still talks to
   * the host over the socket, with the same handshake and framing as a child JVM (useful for tests and for embedding).
   *
   * @return the new renderer
   * @throws IpcDisconnectedException if the host is closed
   */
  Renderer openRenderer();

  /**
   * Launches a renderer as a child JVM that sees what this one sees: the same {@code java}, class path, module path and
   * main module, however this JVM was started, then the builder's JVM options, {@code mainClass} and {@code args}. The
   * child calls {@link IpcRenderer#connect()}; this returns once it has connected.
   *
   * <pre>{@code
   * try (IpcHost host = IpcHost.overSockets()) {
   *   WebContents window = host.launchRenderer(EditorWindow.class, "--file", "notes.txt");
   * }
   * }</pre>
   *
   * @param mainClass the child's main class, on this JVM's class path or in a module of its boot layer
   * @param args the child's arguments
   * @return the child's {@code WebContents}
   * @throws UnsupportedOperationException on a host built with {@link #inProcess()}
   * @throws IpcException as {@link #launchProcess} does
   */
  WebContents launchRenderer(Class<?> mainClass, String... args);

  /**
   * Launches any program as a renderer, in any language; returns once it has connected. Its environment carries the
   * endpoint and a one-time ticket (docs/protocol.md, section 1); {@link WebContents#osProcessId()} is its pid, and
   * render-process-gone tells how it exited. The builder is copied; standard input left as a pipe is inherited, output
   * and error left as pipes are passed on to this process's own.
   *
   * <pre>{@code WebContents window = host.launchProcess(new ProcessBuilder("node", "renderer.js"));}</pre>
   *
   * @param builder the program, its arguments, directory, environment and redirects
   * @return the program's {@code WebContents}
   * @throws UnsupportedOperationException on a host built with {@link #inProcess()}
   * @throws IpcException if it could not start, exited before it connected (the message has the end of its
   *     standard error), or did not connect within the launch timeout (it is then stopped)
   */
  WebContents launchProcess(ProcessBuilder builder);

  /** {@return every renderer that is not destroyed, in the order they were opened: an immutable snapshot} */
  List<WebContents> allWebContents();

  /** {@return the deadline calls use when they name none} */
  Duration defaultTimeout();

  /** {@return whether {@link #close()} has been called} */
  boolean isClosed();

  /** Closes every renderer, fails every pending call with {@link IpcDisconnectedException}, stops the loop. */
  @Override
  void close();

  /**
   * Options for a host; each setter returns this builder. A duration longer than about 146 years (such as
   * {@code ChronoUnit.FOREVER.getDuration()}) counts as never: a default deadline that long gives calls none.
   */
  final class Builder {
    private final RuntimeEntry.HostOptions options = new RuntimeEntry.HostOptions();

    Builder() {}

    /**
     * Record and enum codecs the host has from the start, added to those given before: a generated class's {@code
     * CODECS}, so that untyped code sends and receives those types as themselves before any {@code register} has run.
     * Renderers have codecs of their own. Without a record's codec a host receives the map of its components, and
     * refuses to send it.
     *
     * <pre>{@code
     * IpcHost host = IpcHost.builder().codecs(NotesApiIpc.CODECS).inProcess();
     * }</pre>
     *
     * @param codecs record and enum codecs
     * @return this builder
     */
    public Builder codecs(List<? extends TypeCodec<?>> codecs) {
      Objects.requireNonNull(codecs, "codecs")
          .forEach(codec -> options.codecs.add(Objects.requireNonNull(codec, "codec")));
      return this;
    }

    /**
     * The deadline for calls that name none; 30 seconds by default.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder defaultTimeout(Duration timeout) {
      options.defaultTimeout = BuilderChecks.positive(timeout, "timeout");
      return this;
    }

    /**
     * The longest an idle event loop or a waiting caller spins (yielding its core) before it parks;
     * {@link IpcHost#DEFAULT_SPIN_TIME} (50 µs) by default, longer than a small call's round trip between two
     * processes. A reply that comes within the spin costs about a microsecond instead of a thread wake-up; spins that
     * keep missing grow shorter, so they do not starve a small machine. Zero turns spinning off.
     *
     * @param spin a duration of zero or more
     * @return this builder
     */
    public Builder spinTime(Duration spin) {
      options.spinTime = BuilderChecks.notNegative(spin, "spin");
      return this;
    }

    /**
     * Options for every child JVM {@link IpcHost#launchRenderer} starts, such as {@code -Xmx256m}; none by default.
     * Class path, module path and modules are the parent's already; launcher options such as {@code --add-opens},
     * {@code --patch-module} or {@code -javaagent} are not, and go here.
     *
     * @param options JVM options, added to those given before
     * @return this builder
     */
    public Builder jvmOptions(String... options) {
      for (String option : options) {
        this.options.jvmOptions.add(Objects.requireNonNull(option, "options"));
      }
      return this;
    }

    /**
     * Starts renderer JVMs faster with class-data sharing; off by default. The first renderer JVM that exits cleanly
     * within the {@link #shutdownGrace} writes an archive of its classes (one per JDK, class path of jar files and JVM
     * options, kept across hosts) into {@code cacheDirectory}; later launches map them from it. An archive that cannot
     * be written, or is stale or damaged, never fails a launch (logged at FINE on {@code io.ipc4j}).
     *
     * @param cacheDirectory a directory for the archive, created if need be
     * @return this builder
     */
    public Builder classDataSharing(java.nio.file.Path cacheDirectory) {
      options.classDataCache = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
      return this;
    }

    /**
     * The largest frame either side accepts, in bytes; {@value IpcHost#DEFAULT_MAX_FRAME_BYTES} (64 MiB) by default. A
     * peer that announces a longer frame is disconnected before anything is allocated for it.
     *
     * @param bytes at least 1024
     * @return this builder
     */
    public Builder maxFrameBytes(int bytes) {
      options.maxFrameBytes = (int) BuilderChecks.atLeast(bytes, 1024, "maxFrameBytes");
      return this;
    }

    /**
     * How long a child JVM gets to exit after the host asks it to (closing the host or its {@code WebContents}) before
     * it is ended; 2 seconds by default.
     *
     * @param grace a duration of zero or more
     * @return this builder
     */
    public Builder shutdownGrace(Duration grace) {
      options.shutdownGrace = BuilderChecks.notNegative(grace, "grace");
      return this;
    }

    /**
     * How long a launched renderer gets to start and connect before {@link IpcHost#launchRenderer} or {@link
     * IpcHost#launchProcess} gives up and stops it; 30 seconds by default.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder launchTimeout(Duration timeout) {
      options.launchTimeout = BuilderChecks.positive(timeout, "timeout");
      return this;
    }

    /**
     * How long a new connection gets to present its secret before it is refused; 10 seconds by default.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder handshakeTimeout(Duration timeout) {
      options.handshakeTimeout = BuilderChecks.positive(timeout, "timeout");
      return this;
    }

    /**
     * How long a socket may stall before its renderer is disconnected; 30 seconds by default: a frame that stops
     * arriving part way (from its last byte), or a renderer that takes none of the bytes waiting for it.
     *
     * @param stall a positive duration
     * @return this builder
     */
    public Builder stallTime(Duration stall) {
      options.stallTime = BuilderChecks.positive(stall, "stall");
      return this;
    }

    /**
     * How many bytes may wait to be written to one renderer that does not read them; 64 MiB by default. The main loop
     * never blocks on a socket: a renderer whose queue would grow past this is disconnected. One frame is always
     * accepted into an empty queue: this bounds what piles up, not one message (see {@link #maxFrameBytes}). It also
     * bounds a renderer's port messages waiting in unstarted {@link MessagePortMain}s, and port messages relayed to it
     * (to half of this): past either, the port closes and says why, never the renderer.
     *
     * @param bytes at least 1024
     * @return this builder
     */
    public Builder maxOutboundBytes(long bytes) {
      options.maxOutboundBytes = BuilderChecks.atLeast(bytes, 1024, "maxOutboundBytes");
      return this;
    }

    /**
     * How many connections may be in their handshake at once; 64 by default. A connection beyond that is closed at
     * once. Pending connections cost no thread each: one accept thread reads them all.
     *
     * @param connections at least 1
     * @return this builder
     */
    public Builder maxPendingConnections(int connections) {
      options.maxPendingConnections = (int) BuilderChecks.atLeast(connections, 1, "maxPendingConnections");
      return this;
    }

    /**
     * How many calls one renderer may have in flight at once; 10,000 by default. Its invokes whose handlers returned a
     * {@code CompletionStage} that has not ended count, and its streams that main handlers still serve; calls answered
     * at once never do. A call beyond the limit fails at once with an {@link IpcException} that names this option, and
     * no interceptor or handler sees it: a renderer cannot pile up work and memory in the host without end.
     *
     * @param calls at least 1
     * @return this builder
     */
    public Builder maxCallsInFlight(int calls) {
      options.maxCallsInFlight = (int) BuilderChecks.atLeast(calls, 1, "maxCallsInFlight");
      return this;
    }

    /**
     * How long one listener, handler or task may hold the main loop before a warning with the loop's stack trace is
     * logged (and again each time as long again passes); 2 seconds by default. Slow work belongs in a handler that
     * returns a {@code CompletionStage}.
     *
     * @param threshold a positive duration
     * @return this builder
     */
    public Builder blockedLoopWarning(Duration threshold) {
      options.blockedLoopWarning = BuilderChecks.positive(threshold, "threshold");
      return this;
    }

    /**
     * Adds an {@link IpcInterceptor}, run after those added before it.
     *
     * @param interceptor sees each message from a renderer before any listener or handler; may reject or time it
     * @return this builder
     */
    public Builder interceptor(IpcInterceptor interceptor) {
      options.interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /** {@return a running host, built with these options, whose renderers are threads in this JVM} */
    public IpcHost inProcess() {
      return RuntimeEntry.inProcessHost(options);
    }

    /**
     * Builds a host that listens on a private socket and can launch renderers as child JVMs.
     *
     * @return a running host
     * @throws IpcException if it cannot listen
     */
    public IpcHost overSockets() {
      return RuntimeEntry.socketHost(options);
    }
  }
}
