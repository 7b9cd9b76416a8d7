package io.ipc4j.it;

import io.ipc4j.annotations.IpcChannel;
import io.ipc4j.annotations.Timeout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Answers only when told to: what a caller that stops waiting cancels. */
@IpcChannel("patient")
public interface PatientApi {
  /**
   * A future that the implementation does not complete by itself.
   *
   * @param tag names the call in what the implementation reports
   * @return the answer, if ever
   */
  CompletableFuture<String> hold(String tag);

  /**
   * {@link #hold} with a short deadline.
   *
   * @param tag names the call in what the implementation reports
   * @return the answer, if ever
   */
  @Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
  CompletableFuture<String> holdBriefly(String tag);
}
