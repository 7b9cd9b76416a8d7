package io.ipc4j.internal;

/**
 * How the main process's messages reach one renderer: the renderer's side itself in process, the socket's host end
 * across processes (whose client hands them to the side through this interface again).
 */
public interface RendererLink {
  /** Hands a message to the renderer; any thread; dropped if the renderer is gone. */
  void toRenderer(Message message);

  /**
   * The renderer's codec when it runs in this JVM, so that the main process may copy an answer for it on the main
   * loop and hand it over with {@link #replyCopy}; null (the default) when its answers must be encoded.
   */
  default io.ipc4j.internal.codec.ValueCodec rendererValues() {
    return null;
  }

  /**
   * Hands the renderer the answer to one of its calls that succeeded, as copied for it with
   * {@link #rendererValues()}'s codec (only a link that has one takes it).
   */
  default void replyCopy(long callId, Object copy) {
    throw new UnsupportedOperationException("This renderer takes encoded answers only");
  }

  /**
   * Whether this link writes each message to a socket before {@code toRenderer} returns (or copies what the socket
   * could not take yet), so that a large {@code byte[]} may cross as it is ({@link Message.WithPayload#asIs}); false
   * (the default) for a link that hands messages over in this JVM, which must never carry the sender's own array.
   *
   * @return whether messages are framed as they are sent
   */
  default boolean framesAsSent() {
    return false;
  }

  /**
   * Whether messages still reach the renderer: false once its connection has closed, which may be up to a second
   * before the renderer is destroyed (its host waits to see how its process went). True (the default) for a link in
   * this JVM, whose renderer is destroyed as it goes.
   *
   * @return whether the renderer is still reached
   */
  default boolean isConnected() {
    return true;
  }

  /**
   * How many bytes wait to be written to the renderer: 0 (the default) for a link with no queue of its own, as in
   * process.
   *
   * @return the bytes sent and not yet written
   */
  default long outboundBytes() {
    return 0;
  }

  /** Ends the renderer (closes its side, or asks its process to exit). Idempotent. */
  void close(String reason);
}
