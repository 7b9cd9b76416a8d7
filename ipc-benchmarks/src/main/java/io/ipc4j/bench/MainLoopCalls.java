package io.ipc4j.bench;

import io.ipc4j.IpcHost;
import io.ipc4j.WebContents;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Times {@code webContents.invoke} as main-process code makes it: on the main loop, each call started from the
 * previous one's callback, which also runs on the main loop. A round starts when a renderer sends
 * {@value #START} with the number of calls (the way onto the main loop that any application has); the main loop
 * times each call by itself and hands the samples back to the benchmark's thread.
 */
final class MainLoopCalls {
  /** The message that starts a round on the main loop; its one argument is the number of calls. */
  static final String START = "bench:main-loop-calls";

  private final AtomicReference<Round> current = new AtomicReference<>();

  /** One round: its payload and where its samples go. */
  private record Round(byte[] payload, CompletableFuture<long[]> samples) {}

  /** Listens on {@code host}'s main loop for rounds to run against the renderer that asks for them. */
  MainLoopCalls(IpcHost host) {
    host.ipcMain().on(START, (event, args) -> {
      Round round = current.get();
      next(event.sender(), round, new long[((Number) args[0]).intValue()], 0);
    });
  }

  /**
   * Runs one round of {@code calls} invokes of {@code payload} against the renderer that {@code start} asks from.
   *
   * @param start sends {@value #START} with the number of calls, from the renderer to be called
   * @return each call's round-trip time in nanoseconds
   */
  long[] round(byte[] payload, int calls, java.util.function.IntConsumer start) throws Exception {
    Round round = new Round(payload, new CompletableFuture<>());
    current.set(round);
    start.accept(calls);
    return round.samples().get(10, TimeUnit.MINUTES);
  }

  private static void next(WebContents target, Round round, long[] samples, int i) {
    if (i == samples.length) {
      round.samples().complete(samples);
      return;
    }
    long start = System.nanoTime();
    target.invoke(EchoApiIpc.ECHO, (Object) round.payload()).whenComplete((value, failure) -> {
      samples[i] = System.nanoTime() - start;
      if (failure != null) {
        round.samples().completeExceptionally(failure);
        return;
      }
      Plan.check((byte[]) value, round.payload().length);
      next(target, round, samples, i + 1);
    });
  }
}
