package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import io.ipc4j.IpcTimeoutException;
import io.ipc4j.LogCapture;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN §11: the threads that keep time belong to a host (or a renderer JVM's side), start when first needed, end
 * with their owner, and outlive whatever is thrown while they work; no class of the runtime starts a thread when it
 * is loaded.
 */
class SchedulerOwnershipTest {
  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
  }

  private static List<String> newIpc4jThreads(Set<Thread> before) {
    return liveThreads().stream().filter(t -> !before.contains(t) && t.getName().startsWith("ipc4j-"))
        .map(Thread::getName).sorted().collect(Collectors.toList());
  }

  @Test
  void initializingEveryClassOfTheRuntimeStartsNoThread() throws Exception {
    // A class loader of its own, so that every class is loaded and initialized afresh, static initializers included.
    URL location = IpcHostImpl.class.getProtectionDomain().getCodeSource().getLocation();
    Path classes = Path.of(location.toURI());
    assertThat(Files.isDirectory(classes)).isTrue();
    List<String> names;
    try (Stream<Path> files = Files.walk(classes)) {
      names = files.map(p -> classes.relativize(p).toString())
          .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class") && !n.endsWith("package-info.class"))
          .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
          .sorted().collect(Collectors.toList());
    }
    assertThat(names).contains(IpcHostImpl.class.getName());
    Set<Thread> before = liveThreads();
    List<String> initialized = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {location}, ClassLoader.getPlatformClassLoader())) {
      for (String name : names) {
        Class<?> type = Class.forName(name, true, loader);
        assertThat(type.getClassLoader()).isSameInstanceAs(loader);
        initialized.add(name);
      }
    }
    assertThat(initialized.size()).isEqualTo(names.size());
    Set<Thread> started = liveThreads();
    started.removeAll(before);
    assertThat(started.stream().map(Thread::getName).filter(n -> n.startsWith("ipc4j-"))
        .collect(Collectors.toList())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aClosedHostLeavesNoThreadBehind(boolean overSockets) throws Exception {
    Set<Thread> before = liveThreads();
    IpcHost.Builder builder = IpcHost.builder().blockedLoopWarning(Duration.ofMillis(100));
    try (IpcHost host = overSockets ? builder.overSockets() : builder.inProcess()) {
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      host.ipcMain().handle("never", (event, args) -> new CompletableFuture<>());
      host.ipcMain().handle("slow", (event, args) -> {
        Thread.sleep(250); // wakes the blocked-loop check
        return 1;
      });
      for (int i = 0; i < 3; i++) {
        IpcRenderer ipc = host.openRenderer().ipcRenderer();
        assertThat(ipc.invoke("echo", i).join()).isEqualTo(i);
        ipc.invokeWithTimeout(Duration.ofMillis(50), "never"); // wakes the deadline watching
        ipc.invoke("never"); // still pending when the host closes
        ipc.invoke("slow");
      }
      assertThat(newIpc4jThreads(before)).isNotEmpty();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<String> left = newIpc4jThreads(before);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = newIpc4jThreads(before);
    }
    assertThat(left).isEmpty();
  }

  @Test
  void aHostStartsItsSchedulerOnlyWhenItHasSomethingToWatch() throws Exception {
    Set<Thread> before = liveThreads();
    try (IpcHost host = IpcHost.inProcess()) {
      Thread.sleep(50);
      assertThat(newIpc4jThreads(before)).containsExactly("ipc4j-main");
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      host.openRenderer().ipcRenderer().invoke("echo", 1).join();
      assertThat(newIpc4jThreads(before)).contains("ipc4j-watchdog");
    }
  }

  /** Throws something different each time: Errors of every sort, and an exception. */
  private static final List<Supplier<Throwable>> THROWN = List.of(
      () -> new OutOfMemoryError("test"), () -> new StackOverflowError("test"), () -> new InternalError("test"),
      () -> new IllegalStateException("test"), () -> new AssertionError("test"));

  @Test
  void theDeadlineWatchingOutlivesAnyThrowableWhileItExpiresCalls() throws Exception {
    try (LogCapture log = new LogCapture(); IpcHost host = IpcHost.inProcess()) {
      AtomicInteger expiries = new AtomicInteger();
      Scheduler.Deadlines broken = now -> {
        Throwable t = THROWN.get(expiries.getAndIncrement() % THROWN.size()).get();
        if (t instanceof Error e) {
          throw e;
        }
        throw (RuntimeException) t;
      };
      ((IpcHostImpl) host).mainLoop().scheduler().watch(broken);
      host.ipcMain().handle("never", (event, args) -> new CompletableFuture<>());
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      for (int round = 0; round < 3; round++) {
        LinkedBlockingQueue<Throwable> ended = new LinkedBlockingQueue<>();
        ipc.invokeWithTimeout(Duration.ofMillis(100), "never").whenComplete((value, t) -> ended.add(t));
        Throwable t = ended.poll(10, TimeUnit.SECONDS);
        if (t == null) {
          fail("no deadline passed after the scheduler met " + expiries.get() + " throwables");
        }
        assertThat(t).isInstanceOf(IpcTimeoutException.class);
      }
      assertThat(expiries.get()).isAtLeast(THROWN.size());
      assertThat(log.matching(r -> r.getLevel() == Level.SEVERE && r.getThrown() instanceof OutOfMemoryError))
          .isNotEmpty();
    }
  }

  @Test
  void aRendererWithoutAHostInItsJvmOwnsItsSchedulerAndEndsItWhenClosed() throws Exception {
    Set<Thread> before = liveThreads();
    RendererContext core = new RendererContext("test-renderer", Duration.ofSeconds(30), 0, null);
    PendingCall call = core.newCall("never", Duration.ofMillis(50));
    CompletableFuture<Object> future = call.future();
    LinkedBlockingQueue<Throwable> ended = new LinkedBlockingQueue<>();
    future.whenComplete((value, t) -> ended.add(t));
    assertThat(ended.poll(10, TimeUnit.SECONDS)).isInstanceOf(IpcTimeoutException.class);
    assertThat(newIpc4jThreads(before)).isEmpty(); // "test-renderer" and its scheduler are not ipc4j-named
    assertThat(liveThreads().stream().map(Thread::getName).collect(Collectors.toList()))
        .contains("test-renderer-watchdog");
    core.close("test over");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (liveThreads().stream().anyMatch(t -> t.getName().startsWith("test-renderer"))) {
      if (System.nanoTime() > deadline) {
        fail("the renderer's threads outlived it");
      }
      Thread.sleep(20);
    }
  }
}
