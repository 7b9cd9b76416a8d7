package io.ipc4j;

import io.ipc4j.internal.HostCore;
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

  /**
   * A host whose renderers are threads in this JVM, with default options.
   *
   * @return a running host
   */
  static IpcHost inProcess() {
    return builder().inProcess();
  }

  /**
   * A builder for a host with options.
   *
   * @return a new builder
   */
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
   * Opens a renderer that runs as threads in this JVM.
   *
   * @return the new renderer
   * @throws IpcDisconnectedException if the host is closed
   */
  Renderer openRenderer();

  /**
   * Every renderer that is not destroyed, in the order they were opened.
   *
   * @return an immutable snapshot
   */
  List<WebContents> allWebContents();

  /**
   * The deadline calls use when they name none.
   *
   * @return the default deadline
   */
  Duration defaultTimeout();

  /**
   * Whether {@link #close()} has been called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /** Closes every renderer, fails every pending call with {@link IpcDisconnectedException}, stops the loop. */
  @Override
  void close();

  /** Options for a host; each setter returns this builder. */
  final class Builder {
    private Duration defaultTimeout = DEFAULT_TIMEOUT;
    private Duration spinTime = Duration.ofNanos(20_000);

    Builder() {}

    /**
     * The deadline for calls that name none; 30 seconds by default.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder defaultTimeout(Duration timeout) {
      this.defaultTimeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * How long an idle event loop or a waiting caller spins before it yields and then parks; 20 µs by default.
     * Spinning makes a reply that arrives soon cost about a microsecond instead of a thread wake-up; zero turns it
     * off (lowest CPU use, slower calls).
     *
     * @param spin a duration of zero or more
     * @return this builder
     */
    public Builder spinTime(Duration spin) {
      Objects.requireNonNull(spin, "spin");
      if (spin.isNegative()) {
        throw new IllegalArgumentException("spin must not be negative: " + spin);
      }
      this.spinTime = spin;
      return this;
    }

    /**
     * Builds a host whose renderers are threads in this JVM.
     *
     * @return a running host
     */
    public IpcHost inProcess() {
      return new HostCore(defaultTimeout, spinTime);
    }

    /**
     * The deadline configured so far.
     *
     * @return the default deadline
     */
    public Duration defaultTimeout() {
      return defaultTimeout;
    }

    /**
     * The spin time configured so far.
     *
     * @return the spin time
     */
    public Duration spinTime() {
      return spinTime;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
