package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.ipc4j.internal.PortAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pair of main-side ports owns what it needs: while it belongs to no host it runs on a loop of its own and
 * needs no id; once it is a host's, that host numbers it, independently of any other host.
 */
class MessagePortPairOfNoHostTest {
  private static final int MESSAGES = 300;

  @Test
  void aPairOfNoHostDeliversInOrderOneAtATimeOffTheMainLoopAndKeepsNoThreadOfItsOwn() {
    MessageChannelMain channel = new MessageChannelMain();
    for (int i = 0; i < MESSAGES; i++) {
      channel.port1().postMessage(i); // before start: queued
    }
    List<Object> received = new ArrayList<>();
    List<String> threads = new ArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    Await.Inbox<String> done = new Await.Inbox<>();
    channel.port2().onMessage(message -> {
      if (running.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      synchronized (received) {
        received.add(message.data());
        threads.add(Thread.currentThread().getName());
      }
      running.decrementAndGet();
      if (Integer.valueOf(2 * MESSAGES - 1).equals(message.data())) {
        done.put("last");
      }
    });
    channel.port2().start();
    for (int i = MESSAGES; i < 2 * MESSAGES; i++) {
      channel.port1().postMessage(i);
    }
    assertThat(done.take()).isEqualTo("last");

    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 2 * MESSAGES; i++) {
      expected.add(i);
    }
    synchronized (received) {
      assertThat(received).containsExactlyElementsIn(expected).inOrder();
      assertThat(threads).containsNoneOf("ipc4j-main", "ipc4j-ports");
    }
    assertWithMessage("listener calls that overlapped").that(overlaps.get()).isEqualTo(0);
    assertWithMessage("threads named ipc4j-ports").that(Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("ipc4j-ports")).toList()).isEmpty();
  }

  @Test
  void aPairOfNoHostRunsItsCloseCallbacksAfterTheMessagesBeforeTheClose() {
    MessageChannelMain channel = new MessageChannelMain();
    Await.Inbox<Object> events = new Await.Inbox<>();
    channel.port2().onMessage(message -> events.put(message.data()));
    channel.port2().onClose(() -> events.put("closed"));
    channel.port2().start();
    for (int i = 0; i < 50; i++) {
      channel.port1().postMessage(i);
    }
    channel.port1().close();
    for (int i = 0; i < 50; i++) {
      assertThat(events.take()).isEqualTo(i);
    }
    assertThat(events.take()).isEqualTo("closed");
    events.assertEmptyAfter(100);
  }

  @Test
  void aPairOfNoHostHasNoIdYet() {
    MessageChannelMain channel = new MessageChannelMain();
    assertThat(PortAccess.idOf(channel.port1())).isEqualTo(0);
    assertThat(PortAccess.idOf(channel.port2())).isEqualTo(0);
    assertThat(channel.port1().toString()).contains("no host");
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void twoHostsNumberTheirMainPortsIndependentlyWithNegativeIds(HostKind kind) throws Exception {
    try (IpcHost first = kind.open(); IpcHost second = kind.open()) {
      List<Long> firstIds = bindPairs(first, 3);
      List<Long> secondIds = bindPairs(second, 3);
      assertThat(firstIds).containsNoDuplicates();
      for (long id : firstIds) {
        assertThat(id).isLessThan(0L);
      }
      assertWithMessage("each host counts its own ports from the start").that(secondIds).isEqualTo(firstIds);
    }
  }

  /** Passes one port of each of {@code pairs} new pairs to a renderer of {@code host}; their ids, both ends. */
  private static List<Long> bindPairs(IpcHost host, int pairs) throws Exception {
    Renderer renderer = host.openRenderer();
    Await.Inbox<Object> echoes = new Await.Inbox<>();
    renderer.ipcRenderer().on("port", (event, args) -> {
      MessagePort port = event.ports().get(0);
      port.onMessage(message -> port.postMessage("echo:" + message.data()));
      port.start();
    });
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      MessageChannelMain channel = new MessageChannelMain();
      channel.port1().onMessage(message -> echoes.put(message.data()));
      channel.port1().start();
      renderer.webContents().postMessage("port", null, List.of(channel.port2()));
      channel.port1().postMessage(i);
      assertThat(echoes.take()).isEqualTo("echo:" + i); // the pair works as the host's
      ids.add(PortAccess.idOf(channel.port1()));
      ids.add(PortAccess.idOf(channel.port2()));
    }
    return ids;
  }

  @Test
  void aPairOfNoHostStillWorksAfterAHostClosed() throws Exception {
    CompletableFuture<Object> got = new CompletableFuture<>();
    try (IpcHost host = HostKind.IN_PROCESS.open()) {
      host.openRenderer();
    }
    MessageChannelMain channel = new MessageChannelMain();
    channel.port2().onMessage(message -> got.complete(message.data()));
    channel.port2().start();
    channel.port1().postMessage("after");
    assertThat(got.get(Await.SECONDS, TimeUnit.SECONDS)).isEqualTo("after");
  }
}
