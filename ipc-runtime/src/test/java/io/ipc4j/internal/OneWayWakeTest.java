package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.ipc4j.IpcHost;
import io.ipc4j.MessageChannelMain;
import io.ipc4j.MessagePort;
import io.ipc4j.Renderer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One-way messages wake the loops they are for: with no spinning at all, every loop of the trip (the main loop, and
 * each renderer's loop, parked without a timeout) sleeps before a message is sent, and the message still goes the
 * whole way, hop by hop. A missed wake-up would leave it queued forever, since nothing else wakes a sleeping loop.
 * Run on both hosts ({@code true}: over sockets).
 */
class OneWayWakeTest {
  private static final long SECONDS = 10;
  private static final int TRIPS = 20;

  private static IpcHost open(boolean sockets) {
    IpcHost.Builder builder = IpcHost.builder().spinTime(Duration.ZERO); // a loop out of work sleeps at once
    return sockets ? builder.overSockets() : builder.inProcess();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSendRelayedByMainToAnotherRendererWakesEverySleepingLoopOnItsWay(boolean sockets) throws Exception {
    try (IpcHost host = open(sockets)) {
      Renderer left = host.openRenderer();
      Renderer right = host.openRenderer();
      BlockingQueue<Object> back = new LinkedBlockingQueue<>();
      host.ipcMain().on("to-right", (e, args) -> right.webContents().send("relay", args[0]));
      host.ipcMain().on("to-left", (e, args) -> left.webContents().send("back", args[0]));
      right.ipcRenderer().on("relay", (e, args) -> right.ipcRenderer().send("to-left", args[0]));
      left.ipcRenderer().on("back", (e, args) -> back.add(args[0]));
      for (int i = 0; i < TRIPS; i++) {
        awaitAsleep(host, left, right);
        left.ipcRenderer().send("to-right", i);
        assertThat(take(back)).isEqualTo(i);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aPortMessageBetweenRenderersWakesEverySleepingLoopOnItsWay(boolean sockets) throws Exception {
    try (IpcHost host = open(sockets)) {
      Renderer left = host.openRenderer();
      Renderer right = host.openRenderer();
      CompletableFuture<MessagePort> leftPort = new CompletableFuture<>();
      left.ipcRenderer().on("port", (e, args) -> leftPort.complete(e.ports().get(0)));
      right.ipcRenderer().on("port", (e, args) -> {
        MessagePort echo = e.ports().get(0);
        echo.onMessage(m -> echo.postMessage(m.data()));
        echo.start();
      });
      MessageChannelMain channel = new MessageChannelMain();
      left.webContents().postMessage("port", null, List.of(channel.port1()));
      right.webContents().postMessage("port", null, List.of(channel.port2()));
      MessagePort port = leftPort.get(SECONDS, TimeUnit.SECONDS);
      BlockingQueue<Object> echoes = new LinkedBlockingQueue<>();
      port.onMessage(m -> echoes.add(m.data()));
      port.start();
      for (int i = 0; i < TRIPS; i++) {
        awaitAsleep(host, left, right);
        port.postMessage(i);
        assertThat(take(echoes)).isEqualTo(i);
      }
    }
  }

  /**
   * Waits until the main loop and both renderers' loops sleep, the renderers' parked with no timeout: what runs on
   * them next runs because something woke them.
   */
  private static void awaitAsleep(IpcHost host, Renderer... renderers) {
    EventLoop main = ((IpcHostImpl) host).mainLoop();
    until("the main loop sleeps", () -> EventLoop.isAsleep(main.activity()));
    for (Renderer renderer : renderers) {
      EventLoop loop = ((RendererHandle) renderer).side().loop();
      until(loop.name() + " is parked with no timeout", () -> EventLoop.isAsleep(loop.activity())
          && loop.thread().getState() == Thread.State.WAITING);
    }
  }

  private static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("timed out waiting until " + what);
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static Object take(BlockingQueue<Object> queue) throws InterruptedException {
    Object value = queue.poll(SECONDS, TimeUnit.SECONDS);
    if (value == null) {
      fail("the message did not arrive within " + SECONDS + " s: a sleeping loop on its way was not woken");
    }
    return value;
  }
}
