package io.ipc4j.it;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A {@link FilesApi} that throws what its path names, or fails its future or stream with it: subclasses of the
 * declared exceptions, or a runtime one.
 */
final class Files implements FilesApi {
  /** The futures {@link #fetch} and {@link #lookup} returned for a {@code wait:} path, which only a cancel ends. */
  final BlockingQueue<CompletableFuture<?>> waiting = new LinkedBlockingQueue<>();

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
  public CompletionStage<String> fetch(String path) {
    return later(path, text -> text);
  }

  @Override
  public CompletionStage<Optional<String>> lookup(String path) {
    return later(path, Optional::of);
  }

  @Override
  public Flow.Publisher<String> follow(String path) {
    return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
      private final AtomicBoolean done = new AtomicBoolean();

      @Override
      public void request(long n) {
        if (done.getAndSet(true)) {
          return;
        }
        subscriber.onNext("first");
        try {
          fail(path);
          subscriber.onComplete();
        } catch (IOException | RuntimeException e) {
          subscriber.onError(e);
        }
      }

      @Override
      public void cancel() {
        done.set(true);
      }
    });
  }

  @Override
  public long size(String path) throws IOException {
    return fail(path).length();
  }

  /**
   * A future of what {@code path} names, settled on another thread once the method has returned (it fails later;
   * nothing is thrown), or for a {@code wait:} path never: it joins {@link #waiting}.
   */
  private <T> CompletableFuture<T> later(String path, Function<String, T> result) {
    CompletableFuture<T> later = new CompletableFuture<>();
    if (path.startsWith("wait:")) {
      waiting.add(later);
      return later;
    }
    CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS).execute(() -> {
      try {
        later.complete(result.apply(fail(path)));
      } catch (IOException | RuntimeException e) {
        later.completeExceptionally(e);
      }
    });
    return later;
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
