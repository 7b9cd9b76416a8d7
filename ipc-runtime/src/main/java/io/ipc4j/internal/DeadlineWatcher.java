package io.ipc4j.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Times out calls nobody is blocked on (asynchronous {@code invoke}s). One daemon thread for the JVM: it parks
 * while no call is pending, and otherwise looks every {@value #TICK_MILLIS} ms, so pending calls cost one counter
 * update each and an idle process uses no CPU. Blocked callers time themselves out precisely.
 */
final class DeadlineWatcher {
  static final long TICK_MILLIS = 10;

  private static final Set<RendererCore> CORES = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger OUTSTANDING = new AtomicInteger();
  /** Whether the thread is parked with no call to watch (then, and only then, a new call wakes it). */
  private static volatile boolean idle;
  private static final Thread THREAD = start();

  private DeadlineWatcher() {}

  static void watch(RendererCore core) {
    CORES.add(core);
  }

  static void unwatch(RendererCore core) {
    CORES.remove(core);
  }

  static void callStarted() {
    // Waking the thread costs a system call and a core: only a thread that sleeps with nothing to watch needs it.
    if (OUTSTANDING.getAndIncrement() == 0 && idle) {
      LockSupport.unpark(THREAD);
    }
  }

  static void callEnded() {
    OUTSTANDING.decrementAndGet();
  }

  private static Thread start() {
    Thread t = new Thread(DeadlineWatcher::run, "ipc4j-deadlines");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void run() {
    while (true) {
      if (OUTSTANDING.get() <= 0) {
        idle = true;
        if (OUTSTANDING.get() <= 0) { // a call that started before idle was set did not wake us
          LockSupport.park(DeadlineWatcher.class);
        }
        idle = false;
        continue;
      }
      LockSupport.parkNanos(DeadlineWatcher.class, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
      long now = System.nanoTime();
      for (RendererCore core : CORES) {
        core.expire(now);
      }
    }
  }
}
