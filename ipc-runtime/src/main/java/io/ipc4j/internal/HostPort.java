package io.ipc4j.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The host as a transport sees it: the transport reserves an id for each renderer it expects and, once that
 * renderer has connected, has it admitted, getting back where its messages go; its timeouts run on the host's
 * scheduler. A transport calls nothing else of the host.
 */
public interface HostPort {
  /**
   * Reserves the id of a renderer about to connect.
   *
   * @return a fresh renderer id
   */
  int newRendererId();

  /**
   * Admits a renderer that has connected: the host knows it from now on, and reaches it through {@code link}.
   *
   * @param rendererId its id, from {@link #newRendererId()}
   * @param osPid its operating-system process id
   * @param link how the host reaches it
   * @return the host's side of it, where its messages go
   */
  ConnectedRenderer admit(int rendererId, long osPid, RendererLink link);

  /**
   * The deadline of calls that name none, which each admitted renderer is told.
   *
   * @return the host's default timeout
   */
  Duration defaultTimeout();

  /**
   * How long idle loops and waiting callers spin before parking, which each admitted renderer is told.
   *
   * @return the spin time in nanoseconds
   */
  long spinNanos();

  /**
   * Completes {@code future} with {@code value} once {@code delay} has passed, unless it completes first: a timeout
   * on the host's one timekeeping thread. What depends on the future without an executor may run there, so it must
   * be short.
   *
   * @param <T> the future's type
   * @param future the future to complete
   * @param value what it completes with at the timeout
   * @param delay how long it gets
   * @return {@code future}
   */
  <T> CompletableFuture<T> completeOnTimeout(CompletableFuture<T> future, T value, Duration delay);
}
