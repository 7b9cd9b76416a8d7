package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.internal.HostAccess;
import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcException;
import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import io.ipc4j.LogCapture;
import io.ipc4j.RenderProcessGoneDetails;
import io.ipc4j.RenderProcessGoneDetails.Reason;
import io.ipc4j.WebContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renderers as child JVMs: launch, talk, exit, die, and leave nothing behind. */
class ChildProcessTest {
  /** Child JVMs start faster without the optimising compiler; they run little code. */
  static IpcHost.Builder host() {
    return IpcHost.builder().jvmOptions("-XX:TieredStopAtLevel=1", "-Xshare:auto").shutdownGrace(Duration.ofSeconds(2));
  }

  private static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
    T value = queue.poll(20, TimeUnit.SECONDS);
    if (value == null) {
      throw new AssertionError("nothing arrived within 20 s");
    }
    return value;
  }

  @Test
  void aLaunchedChildConnectsCallsAndIsAProcessOfItsOwn() throws Exception {
    try (IpcHost host = host().overSockets()) {
      host.ipcMain().handle("add", (event, args) -> (Integer) args[0] + (Integer) args[1]);
      BlockingQueue<List<Object>> results = new LinkedBlockingQueue<>();
      host.ipcMain().on("result", (event, args) -> results.add(List.of(args)));
      WebContents child = host.launchRenderer(ChildMains.Adder.class);
      assertThat(take(results)).containsExactly(5, true).inOrder(); // connect() twice gives the same frame
      assertThat(child.osProcessId()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(ProcessHandle.of(child.osProcessId()).map(ProcessHandle::isAlive)).hasValue(true);
      assertThat(host.allWebContents()).containsExactly(child);
    }
  }

  @Test
  void aChildJvmAnswersTheMainProcesssInvokeAndItsDeathFailsTheCallsPending() throws Exception {
    try (IpcHost host = host().overSockets()) {
      BlockingQueue<Boolean> ready = new LinkedBlockingQueue<>();
      host.ipcMain().on("ready", (event, args) -> {
        ready.add(true);
        event.setReturnValue(null);
      });
      WebContents child = host.launchRenderer(ChildMains.Answerer.class);
      assertThat(take(ready)).isTrue();
      assertThat(child.invoke("add", 2, 3).get(30, TimeUnit.SECONDS)).isEqualTo(5);
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> child.invoke("fail").get(30, TimeUnit.SECONDS));
      assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("Error invoking remote method 'fail': "
          + "java.lang.IllegalStateException: refused in " + child.osProcessId());
      CompletableFuture<Object> pending = child.invoke("never");
      ProcessHandle.of(child.osProcessId()).ifPresent(ProcessHandle::destroyForcibly);
      ExecutionException killed = assertThrows(ExecutionException.class, () -> pending.get(30, TimeUnit.SECONDS));
      assertThat(killed).hasCauseThat().isInstanceOf(IpcDisconnectedException.class);
    }
  }

  @Test
  void aChildJvmOpensFramesThatTheHostTellsApartAndRepliesTo() throws Exception {
    try (IpcHost host = host().overSockets()) {
      host.ipcMain().handle("where", (event, args) -> event.frameId());
      host.ipcMain().on("hello", (event, args) -> event.reply("answer", "to frame " + event.frameId()));
      BlockingQueue<List<Object>> results = new LinkedBlockingQueue<>();
      host.ipcMain().on("result", (event, args) -> results.add(List.of(args)));
      host.launchRenderer(ChildMains.FrameOpener.class);
      List<Object> result = take(results);
      int childFrame = (Integer) result.get(2);
      assertThat(childFrame).isNotEqualTo(1);
      assertThat(result).containsExactly(1, childFrame, childFrame, "to frame " + childFrame).inOrder();
    }
  }

  @Test
  void renderProcessGoneTellsHowTheChildEnded() throws Exception {
    try (IpcHost host = host().overSockets()) {
      host.ipcMain().on("ready", (event, args) -> event.setReturnValue(null));
      List<RenderProcessGoneDetails> seen = new ArrayList<>();
      for (String code : new String[] {"0", "3"}) {
        BlockingQueue<RenderProcessGoneDetails> gone = new LinkedBlockingQueue<>();
        CompletableFuture<WebContents> launched = CompletableFuture.supplyAsync(
            () -> host.launchRenderer(ChildMains.Exiter.class, code));
        WebContents wc = launched.get(30, TimeUnit.SECONDS);
        wc.onRenderProcessGone(gone::add);
        CompletableFuture<Void> destroyed = new CompletableFuture<>();
        wc.onDestroyed(() -> destroyed.complete(null));
        destroyed.get(20, TimeUnit.SECONDS);
        seen.add(gone.poll(5, TimeUnit.SECONDS));
        assertThat(wc.isDestroyed()).isTrue();
      }
      assertThat(seen.get(0)).isEqualTo(new RenderProcessGoneDetails(Reason.CLEAN_EXIT, 0));
      assertThat(seen.get(1)).isEqualTo(new RenderProcessGoneDetails(Reason.ABNORMAL_EXIT, 3));
    }
  }

  @Test
  void killingAChildWithAThousandCallsInFlightLeavesTheHostAndOthersWorking() throws Exception {
    try (IpcHost host = host().overSockets()) {
      AtomicInteger received = new AtomicInteger();
      List<CompletableFuture<Object>> inFlight = new ArrayList<>();
      host.ipcMain().handle("slow", (event, args) -> {
        received.incrementAndGet();
        CompletableFuture<Object> never = new CompletableFuture<>();
        inFlight.add(never); // main loop only
        return never;
      });
      host.ipcMain().handle("ping", (event, args) -> "pong");
      host.ipcMain().on("ready", (event, args) -> event.setReturnValue(null));
      BlockingQueue<Object> fired = new LinkedBlockingQueue<>();
      host.ipcMain().on("fired", (event, args) -> fired.add(args[0]));
      WebContents survivor = host.launchRenderer(ChildMains.Idler.class);
      WebContents doomed = host.launchRenderer(ChildMains.Flooder.class, "1000");
      assertThat(take(fired)).isEqualTo(1000);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (received.get() < 1000 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(received.get()).isEqualTo(1000);
      BlockingQueue<RenderProcessGoneDetails> gone = new LinkedBlockingQueue<>();
      doomed.onRenderProcessGone(gone::add);
      long killedAt = System.nanoTime();
      ProcessHandle.of(doomed.osProcessId()).orElseThrow().destroyForcibly();
      RenderProcessGoneDetails details = take(gone);
      assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(2));
      assertThat(details.reason()).isEqualTo(Reason.KILLED);
      assertThat(details.exitCode()).isEqualTo(137);
      assertThat(doomed.isDestroyed()).isTrue();
      // Nobody waits for the dead renderer's calls any more: the futures their handlers returned are cancelled.
      host.ipcMain().handle("cancelled", (event, args) -> inFlight.stream().filter(CompletableFuture::isCancelled)
          .count());
      assertThat(host.openRenderer().ipcRenderer().invoke("cancelled").join()).isEqualTo(1000L);
      // The dead renderer's calls now answer into nothing; the host and the other renderers go on.
      host.ipcMain().handle("finish", (event, args) -> {
        inFlight.forEach(f -> f.complete("too late"));
        return inFlight.size();
      });
      IpcRenderer local = host.openRenderer().ipcRenderer();
      assertThat(local.invoke("finish").join()).isEqualTo(1000);
      assertThat(local.invoke("ping").join()).isEqualTo("pong");
      assertThat(survivor.isDestroyed()).isFalse();
      survivor.send("still", "there"); // does not throw
    }
  }

  @Test
  void fourChildrenWithAThousandConcurrentCallsEachGetEveryReplyMatched() throws Exception {
    try (IpcHost host = host().overSockets()) {
      host.ipcMain().handle("echo", (event, args) -> List.of(event.sender().id(), args[0]));
      BlockingQueue<Object> matched = new LinkedBlockingQueue<>();
      host.ipcMain().on("matched", (event, args) -> matched.add(args[0]));
      for (int i = 0; i < 4; i++) {
        host.launchRenderer(ChildMains.Echoer.class, "1000");
      }
      for (int i = 0; i < 4; i++) {
        assertThat(take(matched)).isEqualTo(1000);
      }
    }
  }

  @Test
  void aClosedChildThatOutstaysItsGracePeriodIsEndedWhileTheHostRuns() throws Exception {
    // A child exits a second after its host lets it go; a grace period far shorter than that runs out first. The
    // child is closed once it has said it is ready: closed before, its sendSync would fail and end it at once.
    try (LogCapture log = new LogCapture();
        IpcHost host = host().shutdownGrace(Duration.ofMillis(50)).overSockets()) {
      java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
      host.ipcMain().on("ready", (event, args) -> {
        event.setReturnValue(null);
        ready.countDown();
      });
      WebContents wc = host.launchRenderer(ChildMains.Idler.class);
      ProcessHandle child = ProcessHandle.of(wc.osProcessId()).orElseThrow();
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      wc.close();
      child.onExit().get(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!log.any("did not exit within the grace period; ending it") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(log.any("did not exit within the grace period; ending it")).isTrue();
      assertThat(host.isClosed()).isFalse();
    }
  }

  @Test
  void launchingAndClosingTwentyRenderersLeaksNoThreadsOrFiles() throws Exception {
    Set<String> before = ipc4jThreads();
    Path directory;
    try (IpcHost host = host().overSockets()) {
      directory = HostAccess.socketDirectory(host);
      assertThat(Files.isDirectory(directory)).isTrue();
      assertThat(Files.getPosixFilePermissions(directory).stream().map(Object::toString).sorted()
          .collect(Collectors.joining(","))).isEqualTo("OWNER_EXECUTE,OWNER_READ,OWNER_WRITE");
      host.ipcMain().on("ready", (event, args) -> event.setReturnValue(null));
      List<Long> pids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        WebContents wc = host.launchRenderer(ChildMains.Idler.class);
        pids.add(wc.osProcessId());
        wc.close();
        assertThat(wc.isDestroyed()).isTrue();
      }
      for (long pid : pids) {
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
      }
    }
    assertThat(Files.exists(directory)).isFalse();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Set<String> after = ipc4jThreads();
    while (!before.containsAll(after) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      after = ipc4jThreads();
    }
    after.removeAll(before);
    assertThat(after).isEmpty();
  }

  @Test
  void aChildWhoseHostDiesFailsItsCallsAndExits(@TempDir Path markers) throws Exception {
    KilledHost.killOncePending(ChildMains.HostInAChild.class, markers, Duration.ofSeconds(30), Duration.ofSeconds(10));
    assertThat(Files.readString(markers.resolve("outcome"))).isEqualTo("io.ipc4j.IpcDisconnectedException");
  }

  @Test
  void connectOutsideALaunchedProcessSaysWhatToDo() {
    IpcException e = assertThrows(IpcException.class, IpcRenderer::connect);
    assertThat(e).hasMessageThat().contains("was not started by IpcHost.launchRenderer");
  }

  @Test
  void anInProcessHostCannotLaunchJvms() {
    try (IpcHost host = IpcHost.inProcess()) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> host.launchRenderer(ChildMains.Idler.class));
      assertThat(e).hasMessageThat().contains("IpcHost.overSockets()");
    }
  }

  @Test
  void aChildThatNeverConnectsFailsTheLaunchClearly() {
    try (IpcHost host = host().launchTimeout(Duration.ofSeconds(20)).overSockets()) {
      IpcException e = assertThrows(IpcException.class, () -> host.launchRenderer(NotARenderer.class));
      assertThat(e).hasMessageThat().contains("exited with code 0 before it connected");
      assertThat(host.allWebContents()).isEmpty();
    }
  }

  /** A main class that never calls IpcRenderer.connect(). */
  public static final class NotARenderer {
    public static void main(String[] args) {}
  }

  static Set<String> ipc4jThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("ipc4j-"))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}
