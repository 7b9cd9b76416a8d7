package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN §11: a task that holds an event loop longer than {@code blockedLoopWarning} is reported with the loop's
 * stack, again each time as long again passes; short tasks never are; calls waiting on a stalled host still end at
 * their deadlines.
 */
class BlockedLoopWarningTest {
  private static final Duration THRESHOLD = Duration.ofMillis(200);
  private static final Pattern BLOCKED_FOR = Pattern.compile("blocked for (\\d+) ms");

  private static IpcHost open(HostKind kind, Duration threshold) {
    return kind.open(IpcHost.builder().blockedLoopWarning(threshold));
  }

  private static List<LogRecord> mainLoopWarnings(LogCapture log) {
    return log.warningsContaining("event loop ipc4j-main ");
  }

  private static boolean hasFrame(LogRecord record, String className, String methodName) {
    Throwable stack = record.getThrown();
    return stack != null && Arrays.stream(stack.getStackTrace())
        .anyMatch(f -> f.getClassName().startsWith(className) && f.getMethodName().contains(methodName));
  }

  private static long blockedMillis(LogRecord record) {
    Matcher m = BLOCKED_FOR.matcher(record.getMessage());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aHandlerHoldingTheMainLoopIsReportedWithItsStackAgainAndAgain(HostKind kind) {
    try (LogCapture log = new LogCapture(); IpcHost host = open(kind, THRESHOLD)) {
      host.ipcMain().handle("slow", (event, args) -> {
        sleep(1000);
        return "done";
      });
      assertThat(host.openRenderer().ipcRenderer().invoke("slow").join()).isEqualTo("done");
      // A warning is taken while the loop is blocked; it may be published just after.
      Await.until("two warnings are logged", () -> mainLoopWarnings(log).size() >= 2);
      // The first two are taken while the handler sleeps (a later one might catch it sending its reply).
      List<LogRecord> warnings = mainLoopWarnings(log).subList(0, 2);
      for (LogRecord w : warnings) {
        assertThat(hasFrame(w, BlockedLoopWarningTest.class.getName(), "lambda$")).isTrue();
        assertThat(hasFrame(w, "java.lang.Thread", "sleep")).isTrue();
        assertThat(w.getMessage()).contains("'slow'");
        assertThat(w.getMessage()).contains("Return a CompletionStage from the handler");
        assertThat(blockedMillis(w)).isAtLeast(THRESHOLD.toMillis());
      }
      // Each warning comes after as long again: the second, after twice the threshold.
      assertThat(blockedMillis(warnings.get(1))).isAtLeast(2 * THRESHOLD.toMillis());
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aListenerHoldingTheMainLoopIsReportedToo(HostKind kind) {
    try (LogCapture log = new LogCapture(); IpcHost host = open(kind, THRESHOLD)) {
      host.ipcMain().on("slow-listener", (event, args) -> {
        sleep(700);
        event.setReturnValue("done");
      });
      assertThat(host.openRenderer().ipcRenderer().sendSync("slow-listener")).isEqualTo("done");
      Await.until("a warning is logged", () -> !mainLoopWarnings(log).isEmpty());
      List<LogRecord> warnings = mainLoopWarnings(log);
      assertThat(warnings.get(0).getMessage()).contains("'slow-listener'");
      assertThat(hasFrame(warnings.get(0), BlockedLoopWarningTest.class.getName(), "lambda$")).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void manyShortTasksAreNeverReportedHoweverLongTheLoopStaysBusy(HostKind kind) throws Exception {
    try (LogCapture log = new LogCapture(); IpcHost host = open(kind, THRESHOLD)) {
      AtomicLong longestNanos = new AtomicLong();
      host.ipcMain().handle("short", (event, args) -> {
        long start = System.nanoTime();
        sleep(30); // well under the threshold (but for a machine too loaded to wake the loop); together well over it
        longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        return args[0];
      });
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      List<CompletableFuture<Object>> calls = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        calls.add(ipc.invoke("short", i)); // queued back to back: the loop is busy for 450 ms or more
      }
      for (int i = 0; i < 5_000; i++) {
        calls.add(ipc.invoke("echo", i));
        if (i % 50 == 49) { // a few in flight at a time: a socket write that blocks the loop would be reported too
          calls.get(calls.size() - 50).join();
        }
      }
      for (CompletableFuture<Object> call : calls) {
        call.join();
      }
      Thread.sleep(100); // a warning taken while the loop was busy would be published by now
      long longest = TimeUnit.NANOSECONDS.toMillis(longestNanos.get());
      if (longest < THRESHOLD.toMillis()) {
        assertThat(log.warningsContaining("blocked for")).isEmpty();
      } else { // a sleep that took the threshold may be reported, but never as longer than it was
        for (LogRecord w : log.warningsContaining("blocked for")) {
          assertThat(blockedMillis(w)).isAtMost(longest);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theThresholdIsTheBuildersOption(HostKind kind) throws Exception {
    try (LogCapture log = new LogCapture()) {
      try (IpcHost host = kind.open()) { // the default, 2 s
        assertThat(IpcHost.DEFAULT_BLOCKED_LOOP_WARNING).isEqualTo(Duration.ofSeconds(2));
        host.ipcMain().handle("slow", (event, args) -> {
          sleep(700);
          return "done";
        });
        host.openRenderer().ipcRenderer().invoke("slow").join();
      }
      Thread.sleep(100);
      assertThat(log.warningsContaining("blocked for")).isEmpty();
      try (IpcHost host = open(kind, Duration.ofMillis(300))) {
        host.ipcMain().handle("slow", (event, args) -> {
          sleep(700);
          return "done";
        });
        host.openRenderer().ipcRenderer().invoke("slow").join();
      }
      Await.until("a warning is logged", () -> !mainLoopWarnings(log).isEmpty());
      List<LogRecord> warnings = mainLoopWarnings(log);
      assertThat(warnings.get(0).getMessage()).contains("blockedLoopWarning of 300 ms");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRendererListenerHoldingItsLoopIsReported(HostKind kind) {
    try (LogCapture log = new LogCapture(); IpcHost host = open(kind, THRESHOLD)) {
      Renderer renderer = host.openRenderer();
      Await.Inbox<String> done = new Await.Inbox<>();
      renderer.ipcRenderer().on("slow-push", (event, args) -> {
        sleep(700);
        done.put(Thread.currentThread().getName());
      });
      renderer.webContents().send("slow-push");
      String loop = done.take();
      Await.until("a warning is logged", () -> !log.warningsContaining("event loop " + loop + " ").isEmpty());
      List<LogRecord> warnings = log.warningsContaining("event loop " + loop + " ");
      assertThat(warnings.get(0).getMessage()).contains("'slow-push'");
      assertThat(hasFrame(warnings.get(0), BlockedLoopWarningTest.class.getName(), "lambda$")).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aHandlerThatNeverReturnsIsReportedAndCallsOnTheStalledHostStillEndAtTheirDeadlines(HostKind kind)
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (LogCapture log = new LogCapture(); IpcHost host = open(kind, THRESHOLD)) {
      host.ipcMain().handle("stuck", (event, args) -> {
        release.await(); // never returns on its own
        return "released";
      });
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      IpcRenderer first = host.openRenderer().ipcRenderer();
      IpcRenderer second = host.openRenderer().ipcRenderer();
      CompletableFuture<Object> stuck = first.invokeWithTimeout(Duration.ofMillis(300), "stuck");
      Await.until("the stalled loop is reported", () -> !mainLoopWarnings(log).isEmpty());
      assertThat(mainLoopWarnings(log).get(0).getMessage()).contains("'stuck'");
      assertThat(hasFrame(mainLoopWarnings(log).get(0), "java.util.concurrent.CountDownLatch", "await")).isTrue();

      // Calls nobody blocks on end through the deadline watching, which the stalled loop does not hold up.
      Await.Inbox<Throwable> ended = new Await.Inbox<>();
      stuck.whenComplete((value, t) -> ended.put(t));
      second.invokeWithTimeout(Duration.ofMillis(300), "echo", 1).whenComplete((value, t) -> ended.put(t));
      assertThat(ended.take()).isInstanceOf(IpcTimeoutException.class);
      assertThat(ended.take()).isInstanceOf(IpcTimeoutException.class);
      long start = System.nanoTime();
      assertThrows(IpcTimeoutException.class, () -> second.sendSyncWithTimeout(Duration.ofMillis(300), "echo", 2));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);

      release.countDown();
      assertThat(second.invokeWithTimeout(Duration.ofSeconds(10), "echo", 3).join()).isEqualTo(3);
    } finally {
      release.countDown();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void afterABlockedLoopTheWatchdogSleepsAgainAndAnIdleHostUsesNoCpu(HostKind kind) throws Exception {
    try (LogCapture log = new LogCapture(); IpcHost host = open(kind, THRESHOLD)) {
      host.ipcMain().handle("slow", (event, args) -> {
        sleep(600);
        return "done";
      });
      host.openRenderer().ipcRenderer().invoke("slow").join();
      Await.until("a warning is logged", () -> !mainLoopWarnings(log).isEmpty());
      Thread.sleep(300); // the watchdog looks once more, sees every loop waiting, and sleeps
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      Map<String, Long> before = ipc4jCpuNanos(mx);
      Thread.sleep(1000);
      Map<String, Long> used = ipc4jCpuNanos(mx);
      used.replaceAll((name, nanos) -> nanos - before.getOrDefault(name, 0L));
      assertWithMessage("CPU nanoseconds per thread: %s", used)
          .that(used.values().stream().mapToLong(Long::longValue).sum())
          .isLessThan(TimeUnit.MILLISECONDS.toNanos(20));
      List<Thread.State> watchdogs = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().equals("ipc4j-watchdog")).map(Thread::getState).collect(Collectors.toList());
      // Parked with no timeout: it does not poll (and it exists: this host's loops were watched).
      assertThat(watchdogs).containsExactly(Thread.State.WAITING);
    }
  }

  private static Map<String, Long> ipc4jCpuNanos(ThreadMXBean mx) {
    Map<String, Long> cpu = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("ipc4j-")) {
        cpu.merge(t.getName() + "#" + t.getId(), Math.max(0, mx.getThreadCpuTime(t.getId())), Long::sum);
      }
    }
    return cpu;
  }
}
