package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DESIGN §5: one main loop, a loop per renderer, no deadlocks, many callers, an idle host uses no CPU. */
class ThreadingTest {
  @ParameterizedTest
  @EnumSource(HostKind.class)
  void everyListenerAndHandlerRunsOnTheOneMainLoop(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
      host.ipcMain().on("s", (event, args) -> {
        threads.add(Thread.currentThread().getName());
        if (event.isSync()) {
          event.setReturnValue(null);
        }
      });
      host.ipcMain().handle("i", (event, args) -> threads.add(Thread.currentThread().getName()));
      for (int i = 0; i < 3; i++) {
        IpcRenderer ipc = host.openRenderer().ipcRenderer();
        ipc.send("s");
        ipc.sendSync("s");
        ipc.invoke("i").join();
      }
      assertThat(threads).containsExactly("ipc4j-main");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void rendererListenersRunOnTheirRenderersLoop(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer a = host.openRenderer();
      Renderer b = host.openRenderer();
      Await.Inbox<String> threads = new Await.Inbox<>();
      a.ipcRenderer().on("t", (event, args) -> threads.put(Thread.currentThread().getName()));
      b.ipcRenderer().on("t", (event, args) -> threads.put(Thread.currentThread().getName()));
      a.webContents().send("t");
      String first = threads.take();
      b.webContents().send("t");
      String second = threads.take();
      assertThat(first).isNotEqualTo(second);
      assertThat(first).isNotEqualTo("ipc4j-main");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void invokeCallbacksRunOnTheRenderersLoop(HostKind kind) {
    try (IpcHost host = kind.open()) {
      CompletableFuture<Object> gate = new CompletableFuture<>();
      host.ipcMain().handle("x", (event, args) -> gate);
      Renderer r = host.openRenderer();
      Await.Inbox<String> loopThread = new Await.Inbox<>();
      r.ipcRenderer().on("t", (event, args) -> loopThread.put(Thread.currentThread().getName()));
      r.webContents().send("t");
      String rendererLoop = loopThread.take();
      Await.Inbox<String> callbackThread = new Await.Inbox<>();
      r.ipcRenderer().invoke("x").thenAccept(v -> callbackThread.put(Thread.currentThread().getName()));
      gate.complete(1); // the reply arrives after the callback is registered
      assertThat(callbackThread.take()).isEqualTo(rendererLoop);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void blockingCallsFromARendererListenerDoNotDeadlock(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("double", (event, args) -> (Integer) args[0] * 2);
      host.ipcMain().on("triple", (event, args) -> event.setReturnValue((Integer) args[0] * 3));
      host.ipcMain().on("go", (event, args) -> event.reply("go", args[0]));
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      Await.Inbox<List<Object>> results = new Await.Inbox<>();
      ipc.on("go", (event, args) -> {
        Object doubled = ipc.invoke("double", args[0]).join();
        Object mapped = ipc.invoke("double", args[0]).thenApply(v -> (Integer) v + 1).join();
        Object tripled = ipc.sendSync("triple", args[0]);
        results.put(List.of(doubled, mapped, tripled));
      });
      ipc.send("go", 5);
      assertThat(results.take()).containsExactly(10, 11, 15).inOrder();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void blockingFromARendererListenerOnAStageComposedOfSeveralCallsDoesNotDeadlock(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("double", (event, args) -> (Integer) args[0] * 2);
      host.ipcMain().on("go", (event, args) -> event.reply("go", args[0]));
      host.ipcMain().on("later", (event, args) -> event.reply("later"));
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      Await.Inbox<List<Object>> results = new Await.Inbox<>();
      List<CompletableFuture<Object>> kept = new java.util.concurrent.CopyOnWriteArrayList<>();
      ipc.on("go", (event, args) -> {
        // The inner call's settling is the loop's task, and the loop is this thread, blocked here.
        Object joined = ipc.invoke("double", args[0]).thenCompose(v -> ipc.invoke("double", v)).join();
        Object got;
        try {
          got = ipc.invoke("double", args[0]).thenCompose(v -> ipc.invoke("double", v)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          got = e;
        }
        kept.add(ipc.invoke("double", args[0]).thenCompose(v -> ipc.invoke("double", v)));
        ipc.send("later");
        results.put(List.of(joined, got));
      });
      ipc.on("later", (event, args) -> results.put(List.of(kept.get(0).join()))); // its calls ended meanwhile
      ipc.send("go", 5);
      assertThat(results.take()).containsExactly(20, 20).inOrder();
      assertThat(results.take()).containsExactly(20);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void blockingOnTheMainLoopFailsFastInsteadOfWaitingForItself(HostKind kind) {
    try (IpcHost host = kind.open()) {
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      host.ipcMain().on("x", (event, args) -> event.setReturnValue(1));
      host.ipcMain().handle("nested", (event, args) -> {
        IpcException e = assertThrows(IpcException.class, () -> ipc.sendSync("x"));
        return e.getMessage();
      });
      assertThat((String) ipc.invoke("nested").join()).contains("would wait for itself");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void manyThreadsManyRenderersEveryReplyMatchesItsCall(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("echo", (event, args) -> List.of(event.sender().id(), args[0]));
      List<Renderer> renderers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        renderers.add(host.openRenderer());
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> jobs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          Renderer r = renderers.get(t % renderers.size());
          int base = t * 1_000_000;
          jobs.add(pool.submit(() -> {
            List<CompletableFuture<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
              calls.add(r.ipcRenderer().invoke("echo", base + i));
            }
            for (int i = 0; i < 500; i++) {
              assertThat(calls.get(i).join()).isEqualTo(List.of(r.webContents().id(), base + i));
            }
            for (int i = 0; i < 100; i++) { // and blocking round trips
              assertThat(r.ipcRenderer().invoke("echo", -i).join())
                  .isEqualTo(List.of(r.webContents().id(), -i));
            }
            return 600;
          }));
        }
        int total = 0;
        for (Future<Integer> job : jobs) {
          total += job.get(60, TimeUnit.SECONDS);
        }
        assertThat(total).isEqualTo(8 * 600);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anIdleHostUsesNoMeasurableCpu(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("x", (event, args) -> 1);
      for (int i = 0; i < 3; i++) {
        host.openRenderer().ipcRenderer().invoke("x").join();
      }
      Thread.sleep(200); // let every loop finish spinning and park
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long before = ipc4jCpuNanos(mx);
      Thread.sleep(1000);
      long used = ipc4jCpuNanos(mx) - before;
      assertThat(used).isLessThan(TimeUnit.MILLISECONDS.toNanos(20)); // < 2% of one core, in practice ~0
    }
  }

  private static long ipc4jCpuNanos(ThreadMXBean mx) {
    long sum = 0;
    Set<Long> seen = new HashSet<>();
    for (ThreadInfo info : mx.dumpAllThreads(false, false)) {
      if (info.getThreadName().startsWith("ipc4j-") && seen.add(info.getThreadId())) {
        long cpu = mx.getThreadCpuTime(info.getThreadId());
        if (cpu > 0) {
          sum += cpu;
        }
      }
    }
    return sum;
  }
}
