package io.ipc4j.internal;

/** How a renderer's messages reach the main process (a direct hand-off in process, a socket across processes). */
@FunctionalInterface
public interface MainLink {
  /**
   * Hands a message to the main process.
   *
   * @throws io.ipc4j.IpcDisconnectedException if the main process can no longer be reached
   */
  void toMain(Message message);

  /**
   * The main process's codec when it runs in this JVM, so that a renderer may copy an invoke's arguments for it
   * on the caller's thread ({@link Message.InvokeCopy}); null (the default) when its messages must be encoded.
   */
  default io.ipc4j.internal.codec.ValueCodec mainValues() {
    return null;
  }

  /** Lets go of the way to the main process when the renderer's side closes (a socket closes); idempotent. */
  default void close(String reason) {}

  /** A caller's wait for its reply, as a link that lets the caller read sees it. */
  interface Waiting {
    /** Whether the reply (or another end of the call) has still not come. */
    boolean isPending();
  }

  /**
   * Lets a caller blocked on a reply read the main process's messages itself, handling each as the link would,
   * until its call ends or {@code untilNanos} ({@link System#nanoTime()}) passes; a link that cannot does nothing.
   * A caller that may not read now is queued to, and should park: it is unparked when it may, or when its call ends.
   * Whoever calls this calls {@link #doneWaiting()} when it stops waiting.
   *
   * @return whether the caller read; false if it should park
   */
  default boolean readWhileWaiting(Waiting call, long untilNanos) {
    return false;
  }

  /** The calling thread stops waiting for a reply (see {@link #readWhileWaiting}). */
  default void doneWaiting() {}
}
