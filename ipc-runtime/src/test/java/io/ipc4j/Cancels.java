package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/** What the cancellation tests of both directions check alike, observed on the handler's side. */
final class Cancels {
  /** How long a handler's side may take to learn of a cancel: generous, the machine is shared. */
  static final Duration BOUND = Duration.ofSeconds(5);
  /** Instants and the monotonic clock may disagree by a little: deadline bounds allow for it. */
  private static final Duration SLACK = Duration.ofMillis(50);

  private Cancels() {}

  /** Asserts that {@code condition} holds within {@link #BOUND}. */
  static void within(String what, BooleanSupplier condition) {
    long until = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertWithMessage(what).that(condition.getAsBoolean()).isTrue();
  }

  /**
   * Makes a call (returning once it is answered) whose handler puts the deadline it sees in {@code deadlines}, and
   * asserts that deadline is {@code timeout} after the call.
   */
  static void assertHandlerSeesDeadline(Runnable call, Await.Inbox<Instant> deadlines, Duration timeout) {
    Instant before = Instant.now();
    call.run();
    Instant after = Instant.now();
    Instant seen = deadlines.take();
    assertThat(seen).isAtLeast(before.plus(timeout).minus(SLACK));
    assertThat(seen).isAtMost(after.plus(timeout).plus(SLACK));
  }

  /**
   * A stage the cancel cannot reach (a minimal one): its handler answers anyway once {@code release} completes,
   * after its caller has gone, and puts "late answer" in {@code answered} when it has.
   */
  static CompletionStage<Object> lateAnswer(CompletableFuture<Object> release, Await.Inbox<String> answered) {
    return release.thenApply(v -> (Object) "late answer").whenComplete((v, t) -> answered.put(String.valueOf(v)))
        .minimalCompletionStage();
  }
}
