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

  /**
   * Whether this link writes each message to a socket before {@code toMain} returns (or copies what the socket
   * could not take yet), so that a large {@code byte[]} may cross as it is ({@link Message.WithPayload#asIs}); false
   * (the default) for a link that hands messages over in this JVM, which must never carry the sender's own array.
   *
   * @return whether messages are framed as they are sent
   */
  default boolean framesAsSent() {
    return false;
  }

  /** Lets go of the way to the main process when the renderer's side closes (a socket closes); idempotent. */
  default void close(String reason) {}
}
