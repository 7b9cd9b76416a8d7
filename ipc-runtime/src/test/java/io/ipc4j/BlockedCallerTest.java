package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Callers blocked on their replies while the renderer's reader thread reads for them: messages keep their order,
 * deadlines hold, the loop's work keeps flowing, and a host that goes fails every blocked caller.
 */
class BlockedCallerTest {
  private static final int LARGE = 64 * 1024;

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aReplyToABlockedCallerNeverOvertakesAMessageSentBeforeIt(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("mark", (event, args) -> {
        event.sender().send("before", args[0]);
        return args[0];
      });
      Renderer r = host.openRenderer();
      List<Integer> seen = new ArrayList<>(); // the renderer loop only
      List<Object> overtaken = new CopyOnWriteArrayList<>();
      r.ipcRenderer().on("before", (event, args) -> seen.add((Integer) args[0]));
      List<CompletableFuture<?>> callbacks = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        // Its callback runs on the loop, after the message the handler sent before answering...
        callbacks.add(r.ipcRenderer().invoke("mark", i).thenAccept(v -> {
          if (!seen.contains(v)) {
            overtaken.add(v);
          }
        }));
        // ...and so does the reply of a caller blocked on it.
        assertThat(r.ipcRenderer().invoke("mark", 1000 + i).join()).isEqualTo(1000 + i);
      }
      CompletableFuture.allOf(callbacks.toArray(new CompletableFuture<?>[0])).orTimeout(Await.SECONDS,
          TimeUnit.SECONDS).join();
      assertThat(overtaken).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aListenerBlockedOnACallGetsItsReplyPastTheMessagesForItsOwnLoop(HostKind kind) {
    // The reply comes behind far more than a socket holds, all for the loop that is blocked waiting for it: the
    // reader must take them (queueing them for that loop, not running them) to reach the reply. A deadline
    // makes a broken rule fail the call instead of hanging the test.
    try (IpcHost host = kind.open(Duration.ofSeconds(Await.SECONDS))) {
      int count = 100; // 6.4 MB
      host.ipcMain().on("flood-then-answer", (event, args) -> {
        for (int i = 0; i < count; i++) {
          event.sender().send("bulk", i, new byte[LARGE]);
        }
        event.setReturnValue("answered");
      });
      Renderer r = host.openRenderer();
      List<Integer> bulk = new ArrayList<>(); // the renderer loop only
      Await.Inbox<Object> outcome = new Await.Inbox<>();
      Await.Inbox<List<Integer>> delivered = new Await.Inbox<>();
      r.ipcRenderer().on("bulk", (event, args) -> {
        bulk.add((Integer) args[0]);
        if (bulk.size() == count) {
          delivered.put(List.copyOf(bulk));
        }
      });
      r.ipcRenderer().on("go", (event, args) -> {
        try {
          outcome.put(r.ipcRenderer().sendSync("flood-then-answer")); // on the renderer's loop
        } catch (RuntimeException e) {
          outcome.put(e);
        }
        outcome.put(bulk.size()); // none ran while the listener blocked: they were queued behind it
      });
      r.webContents().send("go");
      assertThat(outcome.take()).isEqualTo("answered");
      assertThat(outcome.take()).isEqualTo(0);
      List<Integer> order = delivered.take();
      assertThat(order).hasSize(count);
      assertThat(order).isInStrictOrder();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aCallerWhoseDeadlinePassesLeavesTheOtherCallsAndMessagesServed(HostKind kind) throws Exception {
    try (IpcHost host = kind.open(Duration.ofSeconds(Await.SECONDS))) {
      List<CompletableFuture<Object>> slow = new CopyOnWriteArrayList<>();
      host.ipcMain().handle("never", (event, args) -> new CompletableFuture<>());
      host.ipcMain().handle("slow", (event, args) -> {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        slow.add(answer);
        return answer;
      });
      Renderer r = host.openRenderer();
      Await.Inbox<Object> pushed = new Await.Inbox<>();
      r.ipcRenderer().on("later", (event, args) -> pushed.put(args[0]));
      java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
      CompletableFuture<Object> patient = CompletableFuture.supplyAsync(() -> r.ipcRenderer().invoke("slow").join(),
          thread);
      Await.until("the slow call reaches its handler", () -> slow.size() == 1);
      long started = System.nanoTime();
      CompletionException timedOut = assertThrows(CompletionException.class,
          () -> r.ipcRenderer().invokeWithTimeout(Duration.ofMillis(300), "never").join());
      assertThat(timedOut).hasCauseThat().isInstanceOf(IpcTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(Await.SECONDS));
      // The caller that gave up takes nothing with it: the next reply and message still arrive.
      slow.get(0).complete("late but answered");
      assertThat(patient.get(Await.SECONDS, TimeUnit.SECONDS)).isEqualTo("late but answered");
      r.webContents().send("later", "still read");
      assertThat(pushed.take()).isEqualTo("still read");
      thread.shutdown();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void closingTheHostFailsEveryCallerBlockedOnItsReplyAsDisconnected(HostKind kind) throws Exception {
    IpcHost host = kind.open(Duration.ofSeconds(60));
    AtomicInteger arrived = new AtomicInteger();
    host.ipcMain().handle("never", (event, args) -> {
      arrived.incrementAndGet();
      return new CompletableFuture<>();
    });
    host.ipcMain().on("never-sync", (event, args) -> arrived.incrementAndGet()); // never sets a return value
    IpcRenderer ipc = host.openRenderer().ipcRenderer();
    // A thread for each: the common pool may have a single one, which the first blocked call would keep.
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(3);
    List<CompletableFuture<Object>> blocked = new ArrayList<>();
    blocked.add(CompletableFuture.supplyAsync(() -> ipc.invoke("never").join(), threads));
    blocked.add(CompletableFuture.supplyAsync(() -> ipc.sendSync("never-sync"), threads));
    blocked.add(CompletableFuture.supplyAsync(() -> {
      try {
        return ipc.invoke("never").get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new CompletionException(e instanceof java.util.concurrent.ExecutionException
            ? e.getCause() : e);
      }
    }, threads));
    Await.until("every call reaches its handler", () -> arrived.get() == 3);
    host.close();
    for (CompletableFuture<Object> call : blocked) {
      Throwable failure = assertThrows(Exception.class,
          () -> call.get(Await.SECONDS, TimeUnit.SECONDS)).getCause();
      assertThat(failure).isInstanceOf(IpcDisconnectedException.class);
    }
    threads.shutdown();
  }
}
