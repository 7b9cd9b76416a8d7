package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import io.ipc4j.WebContents;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Large arrays cross sockets as they are, from many threads at once on both sides of real processes, and each sender
 * overwrites its array as soon as its send returns: every array still arrives as it was sent. On a renderer the
 * threads' sends wait for one another's writes; on the host the socket's buffer fills, and what it has not taken of
 * an array is copied before the send returns.
 */
class LargeArraysStressTest {
  static final int RENDERERS = 2;
  static final int THREADS = 4;
  static final int CALLS = 30;
  static final int PUSHES = 40;

  /** An array whose first 8 bytes are its seed and whose other bytes follow from it. */
  static byte[] pattern(long seed, int size) {
    byte[] bytes = new byte[size];
    ByteBuffer.wrap(bytes).putLong(seed);
    for (int i = 8; i < size; i++) {
      bytes[i] = (byte) (seed * 31 + i * 7 + (i >>> 11));
    }
    return bytes;
  }

  /** The seed of an array made by {@link #pattern}, or -1 if any byte differs. */
  static long seedOf(Object value) {
    if (!(value instanceof byte[] bytes) || bytes.length < 8) {
      return -1;
    }
    long seed = ByteBuffer.wrap(bytes).getLong();
    return Arrays.equals(bytes, pattern(seed, bytes.length)) ? seed : -1;
  }

  /** A size from 64 KiB (the least that crosses as it is) to 3 MiB. */
  static int size(SplittableRandom r) {
    return r.nextInt(64 * 1024, 3 << 20);
  }

  @Test
  void largeArraysSentFromManyThreadsAndOverwrittenAtOnceArriveAsTheyWereSentBothWays() throws Exception {
    assumeTrue(Hosts.KIND.equals("sockets"), "renderer JVMs: run with the socket host");
    try (IpcHost host = TimedGetStressTest.childHost().overSockets()) {
      AtomicInteger badArguments = new AtomicInteger();
      host.ipcMain().handle("large", (event, args) -> {
        long seed = seedOf(args[0]);
        if (seed < 0) {
          badArguments.incrementAndGet();
        }
        return pattern(seed + 1, ((byte[]) args[0]).length);
      });
      BlockingQueue<List<Object>> reports = new LinkedBlockingQueue<>();
      host.ipcMain().on("large-report", (event, args) -> reports.add(Arrays.asList(args)));
      BlockingQueue<Integer> ready = new LinkedBlockingQueue<>();
      host.ipcMain().on("large-ready", (event, args) -> ready.add(event.sender().id()));
      List<WebContents> renderers = new ArrayList<>();
      for (int i = 0; i < RENDERERS; i++) {
        renderers.add(host.launchRenderer(LargeArrays.class, Integer.toString(THREADS), Integer.toString(CALLS),
            Integer.toString(PUSHES)));
      }
      for (int i = 0; i < RENDERERS; i++) {
        assertThat(ready.poll(60, TimeUnit.SECONDS)).isNotNull();
      }
      ExecutorService pushers = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> pushed = new ArrayList<>();
        for (WebContents renderer : renderers) {
          for (int half = 0; half < 2; half++) {
            int from = half * PUSHES / 2;
            pushed.add(pushers.submit(() -> {
              SplittableRandom r = new SplittableRandom(from);
              for (int i = from; i < from + PUSHES / 2; i++) {
                byte[] bytes = pattern(i, size(r));
                renderer.send("large-push", (Object) bytes);
                Arrays.fill(bytes, (byte) 0); // as soon as send returns
              }
            }));
          }
        }
        for (Future<?> f : pushed) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pushers.shutdownNow();
      }
      for (int i = 0; i < RENDERERS; i++) {
        List<Object> report = reports.poll(120, TimeUnit.SECONDS);
        assertThat(report).isNotNull();
        assertThat(report).containsExactly(THREADS * CALLS, PUSHES, "").inOrder(); // answers, pushes, problem
      }
      assertThat(badArguments.get()).isEqualTo(0);
    }
  }

  /**
   * A renderer JVM: args[0] threads each invoke "large" args[1] times with an array they overwrite once invoke has
   * returned, and check each answer; its listener checks args[2] pushes. It reports
   * {@code ("large-report", good answers, good pushes, the first problem or "")}.
   */
  public static final class LargeArrays {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      int threads = Integer.parseInt(args[0]);
      int calls = Integer.parseInt(args[1]);
      int pushes = Integer.parseInt(args[2]);
      AtomicInteger goodPushes = new AtomicInteger();
      AtomicInteger seenPushes = new AtomicInteger();
      AtomicReference<String> problem = new AtomicReference<>("");
      CompletableFuture<Void> allPushed = new CompletableFuture<>();
      ipc.on("large-push", (event, a) -> {
        if (seedOf(a[0]) >= 0) {
          goodPushes.incrementAndGet();
        } else {
          problem.compareAndSet("", "a push arrived changed");
        }
        if (seenPushes.incrementAndGet() == pushes) {
          allPushed.complete(null);
        }
      });
      ipc.send("large-ready");
      AtomicInteger goodAnswers = new AtomicInteger();
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Thread caller = new Thread(() -> {
          SplittableRandom r = new SplittableRandom(thread);
          for (int i = 0; i < calls; i++) {
            long seed = 1_000_000L * (thread + 1) + 2L * i;
            byte[] bytes = pattern(seed, size(r));
            CompletableFuture<Object> answer = ipc.invoke("large", (Object) bytes);
            Arrays.fill(bytes, (byte) 0); // as soon as invoke returns
            try {
              if (seedOf(answer.get(60, TimeUnit.SECONDS)) == seed + 1) {
                goodAnswers.incrementAndGet();
              } else {
                problem.compareAndSet("", "call " + seed + " got a changed answer, or another's");
              }
            } catch (Exception e) {
              problem.compareAndSet("", "call " + seed + ": " + e);
            }
          }
        });
        caller.start();
        callers.add(caller);
      }
      for (Thread caller : callers) {
        caller.join();
      }
      try {
        allPushed.get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        problem.compareAndSet("", seenPushes.get() + " of " + pushes + " pushes arrived");
      }
      ipc.send("large-report", goodAnswers.get(), goodPushes.get(), problem.get());
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
