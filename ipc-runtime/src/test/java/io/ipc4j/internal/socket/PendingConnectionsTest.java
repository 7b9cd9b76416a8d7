package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.internal.HostAccess;
import io.ipc4j.IpcHost;
import io.ipc4j.LogCapture;
import io.ipc4j.Renderer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections that have not finished the handshake cost no thread each, are capped, and are dropped at the
 * handshake timeout; renderers already admitted, and a peer with a ticket, are not held up by them.
 */
class PendingConnectionsTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private IpcHost host;
  private final List<SocketChannel> silent = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (SocketChannel channel : silent) {
      channel.close();
    }
    if (host != null) {
      host.close();
    }
  }

  private void openSilent(int count) throws Exception {
    Endpoint endpoint = HostAccess.server(host).endpoint();
    for (int i = 0; i < count; i++) {
      silent.add(endpoint.connect());
    }
  }

  private static long echoMillis(Renderer renderer) {
    long start = System.nanoTime();
    assertThat(renderer.ipcRenderer().invoke("echo", "hi").join()).isEqualTo("hi");
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /** Waits until the host has closed every channel (each reads end-of-stream); returns how long that took. */
  /** Whether a line with every part is logged within 5 s: a refusal is logged just after its connection closes. */
  private static boolean loggedWithin(LogCapture log, String... parts) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!log.any(parts) && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    return log.any(parts);
  }

  private static long millisUntilAllClosed(List<SocketChannel> channels, Duration within) throws Exception {
    long start = System.nanoTime();
    long end = start + within.toNanos();
    try (Selector selector = Selector.open()) {
      for (SocketChannel channel : channels) {
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
      }
      ByteBuffer sink = ByteBuffer.allocate(512);
      int open = channels.size();
      while (open > 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError(open + " of " + channels.size() + " connections still open after " + within);
        }
        selector.select(left);
        for (SelectionKey key : selector.selectedKeys()) {
          int n;
          try {
            n = ((SocketChannel) key.channel()).read(sink.clear());
          } catch (java.io.IOException e) {
            n = -1; // reset by the host
          }
          if (n < 0) {
            key.cancel();
            open--;
          }
        }
        selector.selectedKeys().clear();
      }
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Test
  void fiveHundredSilentConnectionsCostNoThreadEachHoldUpNobodyAndAreDroppedAtTheHandshakeTimeout()
      throws Exception {
    host = ChildProcessTest.host().handshakeTimeout(Duration.ofSeconds(3)).maxPendingConnections(1_000)
        .overSockets();
    host.ipcMain().handle("echo", (event, args) -> args[0]);
    try (Renderer other = host.openRenderer()) {
      echoMillis(other);
      int threadsBefore = THREADS.getThreadCount();
      long opened = System.nanoTime();
      openSilent(500);
      Thread.sleep(300); // let the host accept them all
      int threadsWith500 = THREADS.getThreadCount();
      System.out.printf("threads: %d before, %d with 500 silent connections%n", threadsBefore, threadsWith500);
      assertThat(threadsWith500 - threadsBefore).isAtMost(4);
      for (int i = 0; i < 5; i++) {
        assertThat(echoMillis(other)).isLessThan(1_000L);
      }
      try (TestPeer ticketed = TestPeer.authenticated(host)) {
        ticketed.write(TestPeer.invoke(5, "echo", TestPeer.args("in")));
        assertThat(ticketed.readReply(Duration.ofSeconds(5))).isEqualTo(new TestPeer.Reply(5, true, "in"));
      }
      millisUntilAllClosed(silent, Duration.ofSeconds(20));
      long closedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
      System.out.printf("the 500 were all closed %d ms after they were opened%n", closedAfter);
      assertThat(closedAfter).isAtLeast(2_900L); // the last was accepted after they were opened: 3 s after it
      assertThat(closedAfter).isLessThan(15_000L);
      assertThat(echoMillis(other)).isLessThan(1_000L);
      System.out.printf("threads after the 500 were dropped: %d%n", THREADS.getThreadCount());
    }
  }

  @Test
  void aHandshakeThatStopsPartWayIsDroppedAtTheHandshakeTimeout() throws Exception {
    host = ChildProcessTest.host().handshakeTimeout(Duration.ofMillis(800)).overSockets();
    try (LogCapture log = new LogCapture()) {
      long start = System.nanoTime();
      SocketChannel half = HostAccess.server(host).endpoint().connect();
      silent.add(half);
      ByteBuffer hello = Frames.hello(new byte[32]);
      half.write(hello.limit(hello.limit() / 2)); // the length, the type and part of the magic; then nothing
      millisUntilAllClosed(List.of(half), Duration.ofSeconds(10));
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(took).isAtLeast(800L); // counted from the connection, which came after start
      assertThat(took).isLessThan(5_000L);
      assertThat(loggedWithin(log, "refused a connection", "no HELLO within 800 ms")).isTrue();
    }
  }

  @Test
  void aConnectionBeyondThePendingCapIsClosedAtOnceWithALoggedReason() throws Exception {
    host = ChildProcessTest.host().handshakeTimeout(Duration.ofSeconds(20)).maxPendingConnections(8)
        .overSockets();
    host.ipcMain().handle("echo", (event, args) -> args[0]);
    try (LogCapture log = new LogCapture()) {
      openSilent(8);
      Thread.sleep(200); // the host has them all pending
      SocketChannel beyond = HostAccess.server(host).endpoint().connect();
      silent.add(beyond);
      long took = millisUntilAllClosed(List.of(beyond), Duration.ofSeconds(5));
      assertThat(took).isLessThan(1_000L); // at once, not at the handshake timeout
      assertThat(loggedWithin(log, "refused a connection", "8 connections are already in their handshake",
          "maxPendingConnections")).isTrue();
      // Pending connections that go away free their places.
      for (SocketChannel channel : silent) {
        channel.close();
      }
      silent.clear();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        try (TestPeer ticketed = TestPeer.authenticated(host)) {
          ticketed.write(TestPeer.invoke(5, "echo", TestPeer.args("in")));
          assertThat(ticketed.readReply(Duration.ofSeconds(5))).isEqualTo(new TestPeer.Reply(5, true, "in"));
          break;
        } catch (Exception e) {
          if (System.nanoTime() > end) {
            throw e;
          }
          Thread.sleep(50);
        }
      }
    }
  }

  @Test
  void refusalsAreLoggedAtMostAboutOncePerSecond() throws Exception {
    host = ChildProcessTest.host().handshakeTimeout(Duration.ofSeconds(20)).maxPendingConnections(1)
        .overSockets();
    try (LogCapture log = new LogCapture()) {
      openSilent(1);
      Thread.sleep(100);
      List<SocketChannel> refused = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        refused.add(HostAccess.server(host).endpoint().connect());
      }
      silent.addAll(refused);
      millisUntilAllClosed(refused, Duration.ofSeconds(10));
      long lines = log.messages().stream().filter(m -> m.contains("refused a connection")).count();
      assertThat(lines).isAtLeast(1L);
      assertThat(lines).isAtMost(3L);
    }
  }
}
