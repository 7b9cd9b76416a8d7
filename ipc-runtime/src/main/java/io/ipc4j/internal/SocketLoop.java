package io.ipc4j.internal;

import java.util.concurrent.Executor;

/**
 * The event loop that serves a transport's sockets, as the transport sees it: it runs tasks in the order they were
 * given, and reads the sockets registered with its {@link Poller} between them.
 */
public interface SocketLoop extends Executor {
  /**
   * Whether the caller runs on this loop.
   *
   * @return true on the loop's thread
   */
  boolean inLoop();

  /**
   * The loop's poller, where sockets and timed checks are registered (on the loop).
   *
   * @return the poller
   */
  Poller poller();

  /**
   * A polling {@link EventLoop} as a transport sees it.
   *
   * @param loop a loop made with a poller
   * @return the same loop behind this interface
   */
  static SocketLoop of(EventLoop loop) {
    return new SocketLoop() {
      @Override
      public void execute(Runnable task) {
        loop.execute(task);
      }

      @Override
      public boolean inLoop() {
        return loop.inLoop();
      }

      @Override
      public Poller poller() {
        return loop.poller();
      }
    };
  }
}
