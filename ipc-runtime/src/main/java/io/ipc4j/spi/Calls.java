package io.ipc4j.spi;

import io.ipc4j.IpcException;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.IpcRegistration;
import io.ipc4j.internal.Failures;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * Helpers that generated clients and registrations call. For generated code only.
 *
 * <pre>{@code
 * Object result = Calls.await(renderer.invoke(NotesApiIpc.GET, id));
 * }</pre>
 */
public final class Calls {
  private Calls() {}

  /**
   * Waits for a reply and returns it; a failure is thrown as the {@link IpcException} it is (not wrapped in a
   * {@code CompletionException}).
   *
   * @param reply the pending reply
   * @return the decoded reply
   * @throws IpcException why there is no reply
   */
  public static Object await(CompletableFuture<Object> reply) {
    try {
      return reply.join();
    } catch (CompletionException | CancellationException e) {
      throw rethrowable(Failures.unwrap(e));
    }
  }

  /**
   * Maps a pending reply to the declared result type, and a remote failure to a declared checked exception.
   *
   * @param <T> the declared result type
   * @param reply the pending reply
   * @param convert converts the decoded reply
   * @param rebuild returns the declared exception for a remote failure, or null to keep the {@code IpcInvokeException}
   * @return a future of the converted result; cancelling it cancels {@code reply} (the call is abandoned)
   */
  public static <T> CompletableFuture<T> async(CompletableFuture<Object> reply, Function<Object, T> convert,
      Function<IpcInvokeException, Throwable> rebuild) {
    // Derived with the reply's own methods, so the result is the same kind of future: blocking on it takes the
    // reply directly and cannot deadlock a renderer loop, and its callbacks run where the reply's do.
    CompletableFuture<T> derived = reply.handle((value, failure) -> {
      if (failure == null) {
        return convert.apply(value);
      }
      throw new CompletionException(rebuilt(Failures.unwrap(failure), rebuild));
    });
    // A cancel of the typed future abandons the call itself, so that it reaches the other side's handler.
    derived.whenComplete((value, failure) -> {
      if (derived.isCancelled()) {
        reply.cancel(true);
      }
    });
    return derived;
  }

  /**
   * The typed stream of a client: each item of {@code items} converted to the declared item type. Demand and
   * cancellation pass through to {@code items}; an item that does not convert cancels it and fails the stream
   * with an {@link IpcException} naming {@code what}, and a remote failure arrives as the declared checked
   * exception {@code rebuild} gives for it, if any.
   *
   * <pre>{@code
   * return Calls.stream(renderer.stream(FeedApiIpc.NOTES, query), NOTE, "item of feed:notes", null);
   * }</pre>
   *
   * @param <T> the declared item type
   * @param items the untyped stream
   * @param convert converts each item
   * @param what what an item is, for conversion errors
   * @param rebuild returns the declared exception for a remote failure, or null to keep it; may be null itself
   * @return the typed stream
   */
  public static <T> Flow.Publisher<T> stream(Flow.Publisher<Object> items, Converter<T> convert, String what,
      Function<IpcInvokeException, Throwable> rebuild) {
    return new MappedPublisher<>(items, convert, what, rebuild == null ? null : failure -> rebuilt(failure, rebuild));
  }

  /**
   * The untyped stream of a handler whose items change in their untyped form (an {@code Optional} or object array
   * in them, see {@link Untyped#of}): what the stream method of a served implementation returned, mapped.
   *
   * @param items what the implementation returned
   * @param what what an item is, for the error when an item is null
   * @return the untyped stream
   * @throws NullPointerException if the implementation returned null instead of a publisher
   */
  public static Flow.Publisher<Object> untypedStream(Flow.Publisher<?> items, String what) {
    Objects.requireNonNull(items, "the stream method returned null instead of a Flow.Publisher");
    return new MappedPublisher<>(items, Untyped::of, what, null);
  }

  /**
   * The future a generated registration answers with when a served method's future has a result whose untyped form
   * differs from it (an {@code Optional} or object array in it, see {@link Untyped#of}): the result mapped, the
   * failure as it is. Cancelling it cancels {@code stage}, so that the caller's cancel and deadline still reach the
   * implementation, which {@code stage.thenApply(Untyped::of)} would not.
   *
   * <pre>{@code
   * return Calls.untypedFuture(impl.find(title));
   * }</pre>
   *
   * @param stage what the implementation returned
   * @return the future to answer with; null if {@code stage} is null, which answers null as a null result does
   */
  public static CompletableFuture<Object> untypedFuture(CompletionStage<?> stage) {
    return stage == null ? null : MappedFuture.of(stage, Untyped::of, failure -> failure);
  }

  /**
   * What a generated registration throws when an implementation throws an exception its interface method declares
   * ({@code catch (IOException e) { throw Calls.declared("java.io.IOException", e); }}, most specific type first):
   * the caller is answered with {@code type} and the thrown exception's message, so that a typed caller rethrows the
   * declared type even when a subclass of it was thrown. A runtime exception or error (which a {@code catch} of
   * {@code Exception} or {@code Throwable} also takes) is returned or rethrown as it is: it keeps its own type.
   *
   * <pre>{@code
   * } catch (IOException e) {
   *   throw Calls.declared("java.io.IOException", e);
   * }
   * }</pre>
   *
   * @param type the binary name of the declared type {@code thrown} is an instance of
   * @param thrown what the implementation threw
   * @return the exception to throw: a {@link DeclaredFailure}, or {@code thrown} itself if it is unchecked
   */
  public static RuntimeException declared(String type, Throwable thrown) {
    if (thrown instanceof RuntimeException r) {
      return r;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    return new DeclaredFailure(type, thrown);
  }

  /**
   * The future a generated registration answers with when a future-returning method declares checked exceptions:
   * it completes as {@code stage} does, and a failure with an instance of a checked exception in {@code declared}
   * (listed most specific first) is reported under the first such type, with its message, as {@link #declared}
   * reports one thrown; a runtime exception or error keeps its own type. Cancelling it cancels {@code stage}, so
   * that the caller's cancel and deadline still reach the implementation.
   *
   * <pre>{@code
   * return Calls.declaring(impl.read(path), FileNotFoundException.class, IOException.class);
   * }</pre>
   *
   * @param <T> the result type
   * @param stage what the implementation returned
   * @param declared the checked exceptions the method declares, each before its supertypes
   * @return the future to answer with; null if {@code stage} is null, which answers null as a null result does
   */
  @SafeVarargs
  public static <T> CompletableFuture<T> declaring(CompletionStage<T> stage, Class<? extends Throwable>... declared) {
    return stage == null ? null : MappedFuture.of(stage, value -> value, failure -> asDeclared(failure, declared));
  }

  /**
   * The stream a generated registration answers with when a stream-returning method declares checked exceptions:
   * the items of {@code items} as they are, and a failure with an instance of a checked exception in
   * {@code declared} (listed most specific first) reported under the first such type, with its message; a runtime
   * exception or error keeps its own type. Demand and cancellation pass straight through to {@code items}.
   *
   * <pre>{@code
   * return Calls.declaring(impl.lines(path), IOException.class);
   * }</pre>
   *
   * @param items what the implementation returned
   * @param declared the checked exceptions the method declares, each before its supertypes
   * @return the stream to answer with
   * @throws NullPointerException if the implementation returned null instead of a publisher
   */
  @SafeVarargs
  public static Flow.Publisher<Object> declaring(Flow.Publisher<?> items, Class<? extends Throwable>... declared) {
    Objects.requireNonNull(items, "the stream method returned null instead of a Flow.Publisher");
    return new MappedPublisher<>(items, null, null, failure -> asDeclared(failure, declared));
  }

  /**
   * Sets {@code cause} as the cause of a rebuilt exception when its constructor left the cause unset.
   *
   * @param <T> the exception type
   * @param rebuilt the exception rebuilt from a remote failure
   * @param cause the {@code IpcInvokeException} that carried it
   * @return {@code rebuilt}
   */
  public static <T extends Throwable> T withCause(T rebuilt, Throwable cause) {
    if (rebuilt.getCause() == null && rebuilt != cause) {
      try {
        rebuilt.initCause(cause);
      } catch (IllegalStateException | IllegalArgumentException ignored) {
        // The constructor fixed the cause (possibly to null): keep what it chose.
      }
    }
    return rebuilt;
  }

  /**
   * Closes the registrations made so far, last first; null entries (not yet made) are skipped.
   *
   * @param added the registrations
   */
  public static void closeAll(IpcRegistration[] added) {
    for (int i = added.length - 1; i >= 0; i--) {
      if (added[i] != null) {
        added[i].close();
      }
    }
  }

  /**
   * One registration for all of {@code added}; its {@code close()} closes each, last first, once.
   *
   * @param added the registrations, none null
   * @return the combined registration
   */
  public static IpcRegistration registration(IpcRegistration[] added) {
    IpcRegistration[] copy = added.clone();
    for (IpcRegistration r : copy) {
      Objects.requireNonNull(r, "added");
    }
    return new IpcRegistration() {
      private boolean closed;

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          closeAll(copy);
        }
      }
    };
  }

  /** A remote failure as the declared exception {@code rebuild} gives for it, if any; else as it is. */
  private static Throwable rebuilt(Throwable failure, Function<IpcInvokeException, Throwable> rebuild) {
    if (rebuild != null && failure instanceof IpcInvokeException invoke) {
      Throwable declared = rebuild.apply(invoke);
      if (declared != null) {
        return withCause(declared, invoke);
      }
    }
    return failure;
  }

  /**
   * A later failure of a served method as the first of {@code declared} (most specific first) that it is an
   * instance of, as a {@link DeclaredFailure}; a runtime exception or error, or a failure none of them takes, as it
   * is.
   */
  private static Throwable asDeclared(Throwable failure, Class<? extends Throwable>[] declared) {
    Throwable cause = Failures.unwrap(failure);
    if (!(cause instanceof RuntimeException) && !(cause instanceof Error)) {
      for (Class<? extends Throwable> type : declared) {
        if (type.isInstance(cause)) {
          return new DeclaredFailure(type.getName(), cause);
        }
      }
    }
    return failure;
  }

  private static RuntimeException rethrowable(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IpcException("the call failed: " + t, t);
  }
}
