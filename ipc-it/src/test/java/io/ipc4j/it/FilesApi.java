package io.ipc4j.it;

import io.ipc4j.annotations.IpcChannel;
import io.ipc4j.annotations.SendSync;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Methods that declare broad checked exceptions and whose implementation throws subclasses of them. */
@IpcChannel("files")
public interface FilesApi {
  /**
   * Declares only {@code IOException}.
   *
   * @param path what to read
   * @return its text
   * @throws IOException when it cannot be read
   */
  String read(String path) throws IOException;

  /**
   * Declares a type and its supertype, the supertype first.
   *
   * @param path what to open
   * @return its text
   * @throws IOException when it cannot be read
   * @throws FileNotFoundException when it is not there
   */
  String open(String path) throws IOException, FileNotFoundException;

  /**
   * Declares {@code Exception}.
   *
   * @param path what to load
   * @return its text
   * @throws Exception when it cannot be loaded
   */
  String load(String path) throws Exception;

  /**
   * A future-returning method that throws before it returns the future.
   *
   * @param path what to read
   * @return its text, later
   * @throws IOException when it cannot be read
   */
  CompletableFuture<String> readLater(String path) throws IOException;

  /**
   * A stream-returning method that throws before it returns the stream.
   *
   * @param path what to read
   * @return its lines
   * @throws IOException when it cannot be read
   */
  Flow.Publisher<String> lines(String path) throws IOException;

  /**
   * A future-returning method whose future fails later instead of the method throwing.
   *
   * @param path what to fetch
   * @return its text, later
   * @throws IOException never directly: the future fails with it
   */
  CompletionStage<String> fetch(String path) throws IOException;

  /**
   * A future-returning method whose result has an untyped form of its own (an {@code Optional}) and whose future
   * fails later, as {@link #fetch} does.
   *
   * @param path what to look up
   * @return its text if there is any, later
   * @throws IOException never directly: the future fails with it
   */
  CompletionStage<Optional<String>> lookup(String path) throws IOException;

  /**
   * A stream-returning method whose publisher emits the path, then fails instead of the method throwing.
   *
   * @param path what to follow
   * @return its lines
   * @throws IOException never directly: the stream fails with it
   */
  Flow.Publisher<String> follow(String path) throws IOException;

  /**
   * A {@code @SendSync} method.
   *
   * @param path what to measure
   * @return its size
   * @throws IOException when it cannot be read
   */
  @SendSync
  long size(String path) throws IOException;
}
