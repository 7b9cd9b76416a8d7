package io.ipc4j;

/**
 * A value could not be encoded: it has no codec (a lambda, a thread, a {@code WebContents}, a record or enum whose
 * codec the sending side was not given...) or it is cyclic. Nothing was sent. The message starts with Electron's
 * {@code An object could not be cloned.} and goes on to say which type, where it sat, and what to do:
 *
 * <pre>{@code
 * An object could not be cloned. argument 1 at [1].tags[2] is a java.lang.Thread, which has no codec: ...
 * }</pre>
 */
public class IpcCloneException extends IpcException {
  private static final long serialVersionUID = 1L;

  /** The text every clone failure's message starts with, as in Electron. */
  public static final String PREFIX = "An object could not be cloned.";

  /** Where the value sat, for example {@code argument 1 at [1].tags[2]}. */
  private final String path;
  /** The name of the type that has no codec. */
  private final String type;

  /**
   * Creates the exception.
   *
   * @param path where the value sat, for example {@code [1].tags[2]} ({@code [i]} is the argument index)
   * @param type the fully qualified name of the value's type
   * @param detail why it could not be encoded and what to do
   */
  public IpcCloneException(String path, String type, String detail) {
    super(PREFIX + " " + detail);
    this.path = path;
    this.type = type;
  }

  /**
   * Where the value sat: {@code [i]} for argument {@code i}, then {@code .name} for a record component or map key,
   * {@code [n]} for an element.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * The fully qualified name of the type that could not be encoded.
   *
   * @return the type name
   */
  public String type() {
    return type;
  }
}
