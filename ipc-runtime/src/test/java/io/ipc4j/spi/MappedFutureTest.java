package io.ipc4j.spi;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The futures a served method's future is answered through ({@link Calls#untypedFuture}, {@link Calls#declaring}):
 * the value in its untyped form, a declared failure under its declared type, and a cancel that reaches the
 * implementation's future however many of them it passes.
 */
class MappedFutureTest {
  @Test
  void anUntypedFutureCompletesWithTheUntypedFormAndKeepsAFailureAsItIs() {
    CompletableFuture<Optional<String[]>> found = new CompletableFuture<>();
    CompletableFuture<Object> answer = Calls.untypedFuture(found);
    found.complete(Optional.of(new String[] {"a", "b"}));
    assertThat(answer.join()).isEqualTo(List.of("a", "b"));

    CompletableFuture<Optional<String>> failed = new CompletableFuture<>();
    IllegalStateException failure = new IllegalStateException("state");
    CompletableFuture<Object> failedAnswer = Calls.untypedFuture(failed);
    failed.completeExceptionally(failure);
    CompletionException e = assertThrows(CompletionException.class, failedAnswer::join);
    assertThat(e).hasCauseThat().isSameInstanceAs(failure);
  }

  @Test
  void aCancelReachesTheImplementationsFutureThroughEveryWrapper() {
    CompletableFuture<Optional<String>> implementation = new CompletableFuture<>();
    CompletableFuture<Object> answer = Calls.declaring(Calls.untypedFuture(implementation), IOException.class);
    assertThat(answer.cancel(true)).isTrue();
    assertThat(implementation.isCancelled()).isTrue();
    assertThat(answer.isCancelled()).isTrue();
  }

  @Test
  void aDeclaredFailureThroughAnUntypedFutureIsReportedUnderTheDeclaredType() {
    CompletableFuture<Optional<String>> implementation = new CompletableFuture<>();
    CompletableFuture<Object> answer = Calls.declaring(Calls.untypedFuture(implementation),
        FileNotFoundException.class, IOException.class);
    implementation.completeExceptionally(new NoSuchFileException("x"));
    CompletionException e = assertThrows(CompletionException.class, answer::join);
    assertThat(e).hasCauseThat().isInstanceOf(DeclaredFailure.class);
    assertThat(((DeclaredFailure) e.getCause()).declaredType()).isEqualTo("java.io.IOException");
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("x");
  }

  @Test
  void aStageThatRefusesCancelRunsOnAndSoDoesItsAnswer() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> answer = Calls.declaring(source.minimalCompletionStage(), IOException.class);
    assertThrows(UnsupportedOperationException.class, () -> answer.cancel(true));
    assertThat(answer.isCancelled()).isFalse();
    source.complete("done");
    assertThat(answer.join()).isEqualTo("done");
  }

  @Test
  void aNullFutureStaysNull() {
    assertThat(Calls.untypedFuture(null)).isNull();
    assertThat(Calls.declaring((CompletionStage<Object>) null, IOException.class)).isNull();
  }
}
