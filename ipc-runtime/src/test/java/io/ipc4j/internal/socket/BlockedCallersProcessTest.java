package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import io.ipc4j.WebContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renderer JVMs with many callers blocked on their replies (read for them by {@link BackgroundReader}): many of them
 * at once while the host pushes, and all of them blocked when their host is killed.
 */
class BlockedCallersProcessTest {
  private static final int THREADS = 8;
  private static final int CALLS = 300;

  private static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
    T value = queue.poll(60, TimeUnit.SECONDS);
    if (value == null) {
      throw new AssertionError("nothing arrived within 60 s");
    }
    return value;
  }

  @Test
  void manyThreadsCallingWhileTheHostPushesGetEveryReplyMatchedAndEveryMessageInOrder() throws Exception {
    try (IpcHost host = ChildProcessTest.host().overSockets()) {
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      host.ipcMain().on("echo-sync", (event, args) -> event.setReturnValue(args[0]));
      BlockingQueue<List<Object>> reports = new LinkedBlockingQueue<>();
      host.ipcMain().on("report", (event, args) -> reports.add(List.of(args)));
      CompletableFuture<WebContents> started = new CompletableFuture<>();
      host.ipcMain().on("calling", (event, args) -> started.complete(event.sender()));
      host.launchRenderer(Caller.class);
      WebContents child = started.get(60, TimeUnit.SECONDS);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger pushed = new AtomicInteger();
      Thread pusher = new Thread(() -> {
        while (!stop.get()) {
          child.send("tick", pushed.getAndIncrement());
          if (pushed.get() % 32 == 0) {
            try {
              Thread.sleep(1); // a steady stream, not a flood the renderer's loop must queue
            } catch (InterruptedException e) {
              break;
            }
          }
        }
        child.send("last", pushed.get());
      });
      pusher.start();
      List<Object> report = take(reports); // the calls are done
      stop.set(true);
      pusher.join(TimeUnit.SECONDS.toMillis(30));
      List<Object> ticks = take(reports);
      assertThat(report).containsExactly("matched", THREADS * CALLS).inOrder();
      assertThat(ticks).containsExactly("ticks", pushed.get(), true).inOrder();
      assertThat((Integer) ticks.get(1)).isGreaterThan(0);
    }
  }

  @Test
  void killingTheHostFailsEveryCallerBlockedOnItsReplyWhateverItWaitsIn(@TempDir Path markers)
      throws Exception {
    KilledHost.killOncePending(HostOfWaiters.class, markers, Duration.ofSeconds(60), Duration.ofSeconds(30));
    for (int i = 0; i < Waiters.KINDS; i++) {
      assertThat(Files.readString(markers.resolve("outcome-" + i))).isEqualTo("io.ipc4j.IpcDisconnectedException");
    }
  }

  /**
   * A renderer whose threads call "echo" (invoke and join, a timed get, sendSync) and check every answer, while its
   * loop checks that the host's "tick" messages come in order; it reports both.
   */
  public static final class Caller {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      int[] expected = {0}; // the loop only
      boolean[] inOrder = {true};
      ipc.on("tick", (event, a) -> inOrder[0] &= (Integer) a[0] == expected[0]++);
      ipc.on("last", (event, a) -> ipc.send("report", "ticks", expected[0], inOrder[0] && (Integer) a[0] == expected[0]));
      ipc.send("calling");
      AtomicInteger matched = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(THREADS);
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        new Thread(() -> {
          try {
            for (int i = 0; i < CALLS; i++) {
              String value = thread + ":" + i;
              Object back = switch (i % 3) {
                case 0 -> ipc.invoke("echo", value).join();
                case 1 -> ipc.invoke("echo", value).get(60, TimeUnit.SECONDS);
                default -> ipc.sendSync("echo-sync", value);
              };
              if (value.equals(back)) {
                matched.incrementAndGet();
              }
            }
          } catch (Exception e) {
            e.printStackTrace();
          } finally {
            done.countDown();
          }
        }).start();
      }
      done.await(120, TimeUnit.SECONDS);
      ipc.send("report", "matched", matched.get());
      ChildMains.idle();
    }
  }

  /** A host in its own JVM: it launches {@link Waiters} and idles, so that a test can kill it. */
  public static final class HostOfWaiters {
    public static void main(String[] args) throws Exception {
      IpcHost host = IpcHost.overSockets();
      AtomicInteger arrived = new AtomicInteger();
      host.ipcMain().handle("never", (event, a) -> {
        arrived.incrementAndGet();
        return new CompletableFuture<>();
      });
      host.ipcMain().on("never-sync", (event, a) -> arrived.incrementAndGet());
      host.ipcMain().on("how-many", (event, a) -> event.setReturnValue(arrived.get()));
      host.launchRenderer(Waiters.class, args[0]);
      ChildMains.idle();
    }
  }

  /**
   * Blocks a thread on each kind of wait for a reply that never comes (invoke and join, a timed get, sendSync);
   * records how each ends (marker files in args[0]).
   */
  public static final class Waiters {
    static final int KINDS = 3;

    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      IpcRenderer ipc = IpcRenderer.connect();
      Files.writeString(dir.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < KINDS; i++) {
        int kind = i;
        threads.add(new Thread(() -> {
          String outcome;
          try {
            switch (kind) {
              case 0 -> ipc.invoke("never").join();
              case 1 -> ipc.invoke("never").get(120, TimeUnit.SECONDS);
              default -> ipc.sendSyncWithTimeout(java.time.Duration.ofSeconds(120), "never-sync");
            }
            outcome = "answered";
          } catch (Exception e) {
            Throwable cause = e.getCause() != null && !(e instanceof io.ipc4j.IpcException) ? e.getCause() : e;
            outcome = cause.getClass().getName();
          }
          try {
            Files.writeString(dir.resolve("outcome-" + kind), outcome);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }));
      }
      threads.forEach(Thread::start);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while ((Integer) ipc.sendSync("how-many") < KINDS && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Files.writeString(dir.resolve("pending"), "yes");
      for (Thread t : threads) {
        t.join();
      }
      ChildMains.idle();
    }
  }
}
