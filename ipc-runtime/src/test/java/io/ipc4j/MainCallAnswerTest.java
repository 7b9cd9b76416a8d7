package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How the answer to the main process's call reaches whoever waits for it, over both hosts: a blocked thread takes it
 * at once, yet its callbacks still run on the main loop, and an answer never overtakes what the renderer sent
 * before it.
 */
class MainCallAnswerTest {

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aFutureAThreadTookTheAnswerFromIsDoneAndKeepsIt(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      r.ipcRenderer().handle("add", (event, args) -> (Integer) args[0] + (Integer) args[1]);
      r.ipcRenderer().handle("fail", (event, args) -> {
        throw new IllegalStateException("no");
      });
      for (int i = 0; i < 200; i++) {
        CompletableFuture<Object> sum = r.webContents().invoke("add", i, 1);
        assertThat(sum.join()).isEqualTo(i + 1);
        assertThat(sum.isDone()).isTrue();
        assertThat(sum.getNow(-1)).isEqualTo(i + 1);
        assertThat(sum.isCompletedExceptionally()).isFalse();
        assertThat(sum.cancel(true)).isFalse(); // answered: the cancel cannot take it back
        assertThat(sum.join()).isEqualTo(i + 1);

        CompletableFuture<Object> failed = r.webContents().invoke("fail");
        assertThat(failed.handle((v, t) -> t).join()).isInstanceOf(IpcInvokeException.class);
        assertThat(failed.isDone()).isTrue();
        assertThat(failed.isCompletedExceptionally()).isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void callbacksRunOnTheMainLoopEvenWhenABlockedThreadTookTheAnswerFirst(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      CompletableFuture<Object> gate = new CompletableFuture<>();
      r.ipcRenderer().handle("gated", (event, args) -> gate);
      CompletableFuture<Object> answer = r.webContents().invoke("gated");
      Await.Inbox<String> threads = new Await.Inbox<>();
      answer.thenRun(() -> threads.put("thenRun " + Thread.currentThread().getName()));
      answer.whenComplete((v, t) -> threads.put("whenComplete " + Thread.currentThread().getName()));
      answer.thenApply(v -> v).handle((v, t) -> {
        threads.put("handle of a stage " + Thread.currentThread().getName());
        return v;
      });
      gate.complete("open"); // the renderer answers from this thread
      assertThat(answer.get(Await.SECONDS, TimeUnit.SECONDS)).isEqualTo("open");
      List<String> seen = List.of(threads.take(), threads.take(), threads.take());
      assertThat(seen).containsExactly("thenRun ipc4j-main", "whenComplete ipc4j-main",
          "handle of a stage ipc4j-main");
      answer.thenRun(() -> threads.put("added later " + Thread.currentThread().getName()));
      assertThat(threads.take()).isEqualTo("added later ipc4j-main");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void anAnswerNeverOvertakesWhatTheRendererSentBeforeIt(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      List<Object> progress = new CopyOnWriteArrayList<>();
      host.ipcMain().on("progress", (event, args) -> progress.add(args[0]));
      r.ipcRenderer().handle("work", (event, args) -> {
        r.ipcRenderer().send("progress", args[0]);
        return args[0];
      });
      for (int i = 0; i < 300; i++) {
        int step = i;
        // A callback on the main loop, and a blocked thread, both find the message sent before the answer handled.
        Object seenByCallback = r.webContents().invoke("work", step).thenApply(v -> progress.size()).join();
        assertThat(seenByCallback).isEqualTo(2 * step + 1);
        assertThat(r.webContents().invoke("work", step).join()).isEqualTo(step);
        assertThat(progress).hasSize(2 * step + 2);
      }
    }
  }
}
