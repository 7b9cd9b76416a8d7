package io.ipc4j.spi;

import java.util.Objects;

/**
 * A handler's implementation threw a checked exception that its interface method declares: the answering side
 * reports it under the declared type's binary name, with the thrown exception's message, so that a typed caller gets
 * the declared type back even when the implementation threw a subclass of it. Generated registrations make it with
 * {@link Calls#declared}; the thrown exception is its cause. It carries no stack trace of its own: it is thrown only
 * to be caught by the runtime and turned into the failed reply.
 */
public final class DeclaredFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The binary name of the declared exception type that the thrown exception is an instance of. */
  private final String declaredType;

  /**
   * Reports {@code thrown} as {@code declaredType}.
   *
   * @param declaredType the binary name of the declared type, for example {@code java.io.IOException}
   * @param thrown what the implementation threw: an instance of that type
   */
  public DeclaredFailure(String declaredType, Throwable thrown) {
    super(messageOf(thrown), Objects.requireNonNull(thrown, "thrown"), false, false);
    this.declaredType = Objects.requireNonNull(declaredType, "declaredType");
  }

  /**
   * The type the caller sees: the declared one, not the class the implementation threw.
   *
   * @return the declared type's binary name
   */
  public String declaredType() {
    return declaredType;
  }

  /** The thrown exception's message, or null when it has none or its {@code getMessage} throws. */
  private static String messageOf(Throwable thrown) {
    try {
      return thrown.getMessage();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
