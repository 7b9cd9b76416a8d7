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

  /** One round: its payload, whether it first calls untimed for {@link Plan#PRIME_NANOS}, and where its samples go. */
  private record Round(byte[] payload, boolean primed, CompletableFuture<long[]> samples) {}

  /** Listens on {@code host}'s main loop for rounds to run against the renderer that asks for them. */
  MainLoopCalls(IpcHost host) {
    host.ipcMain().on(START, (event, args) -> {
      Round round = current.get();
      long primeUntil = System.nanoTime() + (round.primed() ? Plan.PRIME_NANOS : 0);
      next(event.sender(), round, new long[((Number) args[0]).intValue()], 0, primeUntil);
    });
  }

  /**
   * Runs one round of {@code calls} invokes of {@code payload} against the renderer that {@code start} asks from.
   *
   * @param primed whether the round first makes calls untimed for {@link Plan#PRIME_NANOS}, as timed rounds do
   * @param start sends {@value #START} with the number of calls, from the renderer to be called
   * @return each call's round-trip time in nanoseconds
   */
  long[] round(byte[] payload, int calls, boolean primed, java.util.function.IntConsumer start) throws Exception {
    Round round = new Round(payload, primed, new CompletableFuture<>());
    current.set(round);
    start.accept(calls);
    return round.samples().get(10, TimeUnit.MINUTES);
  }

  /** Makes call {@code i}, untimed while the round is priming (until {@code primeUntil}), then the next. */
  private static void next(WebContents target, Round round, long[] samples, int i, long primeUntil) {
    if (i == samples.length) {
      round.samples().complete(samples);
      return;
    }
    long start = System.nanoTime();
    boolean priming = start - primeUntil < 0;
    target.invoke(EchoApiIpc.ECHO, (Object) round.payload()).whenComplete((value, failure) -> {
      long took = System.nanoTime() - start;
      if (failure != null) {
        round.samples().completeExceptionally(failure);
        return;
      }
      Plan.check((byte[]) value, round.payload().length);
      if (!priming) {
        samples[i] = took;
      }
      next(target, round, samples, priming ? i : i + 1, primeUntil);
    });
  }
}
