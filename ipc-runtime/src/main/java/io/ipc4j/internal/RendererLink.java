package io.ipc4j.internal;

/**
 * How the main process's messages reach one renderer: the renderer's side itself in process, the socket's host end
 * across processes (whose client hands them to the side through this interface again).
 */
public interface RendererLink {
  /** Hands a message to the renderer; any thread; dropped if the renderer is gone. */
  void toRenderer(Message message);

  /**
   * Hands the renderer the answer to one of its calls, as {@link #toRenderer} does a {@link Message.Reply}; a
   * renderer in process takes it without the message.
   */
  default void reply(long callId, boolean ok, byte[] payload) {
    toRenderer(new Message.Reply(callId, ok, payload));
  }

  /** Ends the renderer (closes its side, or asks its process to exit). Idempotent. */
  void close(String reason);
}
