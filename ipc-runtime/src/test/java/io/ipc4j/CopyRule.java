package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * DESIGN's copy rule, checked alike in both directions: a handler gets copies of the arguments as they were when the
 * invoke returned (the caller changes its own afterwards), and the caller gets a copy of the answer, not the array
 * the handler returned.
 */
final class CopyRule {
  private final CountDownLatch mutated = new CountDownLatch(1);
  /** The handler's thread only, read after the answer came. */
  private final List<Object> received = new ArrayList<>();
  private final byte[] kept = {7, 7};

  /** The handler's body: waits until the caller has changed its values, keeps the arguments, answers {@link #kept}. */
  Object handle(Object[] args) throws InterruptedException {
    mutated.await(Await.SECONDS, TimeUnit.SECONDS);
    received.add(args[0]);
    received.add(args[1]);
    return kept;
  }

  /** Invokes the handler with {@code invoke} (given the two arguments), changes them, and checks the copies. */
  void check(Function<Object[], CompletableFuture<Object>> invoke) {
    byte[] bytes = {1, 2, 3};
    List<Object> list = new ArrayList<>(List.of("a", "b"));
    CompletableFuture<Object> answer = invoke.apply(new Object[] {bytes, list});
    bytes[0] = 9;
    list.add("c");
    mutated.countDown();
    byte[] back = (byte[]) answer.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
    assertThat(received.get(0)).isNotSameInstanceAs(bytes);
    assertThat((byte[]) received.get(0)).isEqualTo(new byte[] {1, 2, 3});
    assertThat(received.get(1)).isEqualTo(List.of("a", "b"));
    assertThat(back).isNotSameInstanceAs(kept);
    assertThat(back).isEqualTo(new byte[] {7, 7});
  }
}
