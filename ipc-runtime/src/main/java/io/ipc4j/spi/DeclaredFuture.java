package io.ipc4j.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What a generated registration answers with for a method that returns a future and declares checked exceptions: it
 * completes as the implementation's stage does, a failure passed on as {@code failures} gives it (a declared one
 * reported under its declared type), and cancelling it cancels the implementation's stage, so that the caller's
 * cancel, or its deadline passing, still reaches the implementation.
 *
 * @param <T> the result type
 */
final class DeclaredFuture<T> extends CompletableFuture<T> {
  /** The implementation's stage. */
  private final CompletionStage<T> source;

  private DeclaredFuture(CompletionStage<T> source) {
    this.source = source;
  }

  /**
   * A future that completes as {@code source} does, its failure mapped by {@code failures}.
   *
   * @param <T> the result type
   * @param source the implementation's stage
   * @param failures what to fail with for what {@code source} failed with
   * @return the future
   */
  static <T> DeclaredFuture<T> of(CompletionStage<T> source, Function<Throwable, Throwable> failures) {
    DeclaredFuture<T> future = new DeclaredFuture<>(source);
    try {
      source.whenComplete((value, failure) -> {
        if (failure == null) {
          future.complete(value);
        } else {
          future.completeExceptionally(failures.apply(failure));
        }
      });
    } catch (Throwable t) { // a stage of the user's own making may refuse the callback
      future.completeExceptionally(t);
    }
    return future;
  }

  /**
   * Cancels the implementation's stage, then this future. A stage that refuses cancel (a minimal stage) throws, and
   * this future then runs on with it, as that stage would if it had been returned itself.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (source instanceof CompletableFuture<?> implementation) {
      implementation.cancel(mayInterruptIfRunning);
    }
    return super.cancel(mayInterruptIfRunning);
  }
}
