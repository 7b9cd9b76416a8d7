package io.ipc4j.it;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** A {@link FilesApi} that throws what its path names: subclasses of the declared exceptions, or a runtime one. */
final class Files implements FilesApi {
  /** A subclass of a subclass of {@code IOException}. */
  static final class MissingFile extends FileNotFoundException {
    private static final long serialVersionUID = 1L;

    MissingFile(String message) {
      super(message);
    }
  }

  @Override
  public String read(String path) throws IOException {
    return fail(path);
  }

  @Override
  public String open(String path) throws IOException {
    return fail(path);
  }

  @Override
  public String load(String path) throws Exception {
    return fail(path);
  }

  @Override
  public CompletableFuture<String> readLater(String path) throws IOException {
    return CompletableFuture.completedFuture(fail(path));
  }

  @Override
  public Flow.Publisher<String> lines(String path) throws IOException {
    fail(path);
    return null;
  }

  @Override
  public long size(String path) throws IOException {
    return fail(path).length();
  }

  /** Throws by the path: {@code missing:x}, {@code gone:x}, {@code io:x}, {@code state:x}; else returns it. */
  private static String fail(String path) throws IOException {
    String message = path.substring(path.indexOf(':') + 1);
    if (path.startsWith("missing:")) {
      throw new MissingFile(message);
    } else if (path.startsWith("gone:")) {
      throw new NoSuchFileException(message);
    } else if (path.startsWith("io:")) {
      throw new IOException(message);
    } else if (path.startsWith("state:")) {
      throw new IllegalStateException(message);
    }
    return path;
  }
}
