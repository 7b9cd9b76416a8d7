package io.ipc4j;

/**
 * A handle on what one registration added; {@link #close()} removes exactly that and nothing else.
 *
 * <pre>{@code
 * IpcRegistration reg = ipcMain.on("log", listener);
 * ...
 * reg.close();   // same as ipcMain.off("log", listener), without needing the listener's identity
 * }</pre>
 */
@FunctionalInterface
public interface IpcRegistration extends AutoCloseable {
  /** Removes what this registration added. Idempotent; never throws. */
  @Override
  void close();

  /**
   * A registration that closes each of {@code parts} in order.
   *
   * @param parts the registrations to close together
   * @return one registration for all of them
   */
  static IpcRegistration of(IpcRegistration... parts) {
    IpcRegistration[] copy = parts.clone();
    for (IpcRegistration part : copy) {
      java.util.Objects.requireNonNull(part, "parts");
    }
    return () -> {
      for (IpcRegistration part : copy) {
        part.close();
      }
    };
  }
}
