package io.ipc4j.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A future that completes as another stage does, its value and its failure each mapped on the way: what a generated
 * registration answers with when a served method's future needs its result in the untyped form, or its failure
 * reported under a declared type. Cancelling it cancels the stage it follows first, so that the caller's cancel, or
 * its deadline passing, still reaches the implementation's future through any number of these.
 *
 * @param <T> the mapped result type
 */
final class MappedFuture<T> extends CompletableFuture<T> {
  /** The stage this one follows: the implementation's, or another mapped one. */
  private final CompletionStage<?> source;

  private MappedFuture(CompletionStage<?> source) {
    this.source = source;
  }

  /**
   * A future that completes as {@code source} does, with {@code values} applied to its value and {@code failures}
   * to its failure.
   *
   * @param <S> the source's result type
   * @param <T> the mapped result type
   * @param source the stage to follow
   * @param values what to complete with for the source's value
   * @param failures what to fail with for what the source failed with
   * @return the future
   */
  static <S, T> MappedFuture<T> of(CompletionStage<S> source, Function<? super S, ? extends T> values,
      Function<Throwable, Throwable> failures) {
    MappedFuture<T> future = new MappedFuture<>(source);
    try {
      source.whenComplete((value, failure) -> {
        try {
          if (failure != null) {
            future.completeExceptionally(failures.apply(failure));
          } else {
            future.complete(values.apply(value));
          }
        } catch (Throwable t) { // a mapping that throws fails the answer, as a throwing thenApply would
          future.completeExceptionally(t);
        }
      });
    } catch (Throwable t) { // a stage of the user's own making may refuse the callback
      future.completeExceptionally(t);
    }
    return future;
  }

  /**
   * Cancels the stage this one follows, then this future. A stage that refuses cancel (a minimal stage) throws, and
   * this future then runs on with it, as that stage would if it had been returned itself.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (source instanceof CompletableFuture<?> followed) {
      followed.cancel(mayInterruptIfRunning);
    }
    return super.cancel(mayInterruptIfRunning);
  }
}
