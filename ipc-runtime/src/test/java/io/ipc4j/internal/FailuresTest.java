package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The runtime's one way to see through a future's wrappers to the failure they carry. */
class FailuresTest {
  @Test
  void unwrapPeelsNestedCompletionAndExecutionExceptionsDownToTheCause() {
    IOException cause = new IOException("disk");
    Throwable wrapped = new CompletionException(new ExecutionException(new CompletionException(cause)));
    assertThat(Failures.unwrap(wrapped)).isSameInstanceAs(cause);
  }

  @Test
  void unwrapKeepsAWrapperThatHasNoCause() {
    CompletionException bare = new CompletionException("no cause", null);
    assertThat(Failures.unwrap(bare)).isSameInstanceAs(bare);
    ExecutionException inner = new ExecutionException("no cause", null);
    assertThat(Failures.unwrap(new CompletionException(inner))).isSameInstanceAs(inner);
  }

  @Test
  void unwrapLeavesAnyOtherFailureAndItsCausesAlone() {
    IllegalStateException failure = new IllegalStateException(new CompletionException(new IOException()));
    assertThat(Failures.unwrap(failure)).isSameInstanceAs(failure);
  }
}
