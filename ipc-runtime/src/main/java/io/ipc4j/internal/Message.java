package io.ipc4j.internal;

/**
 * One message between a renderer and the main process. Payloads are already encoded by the value codec, so
 * the in-process and the socket transports carry exactly the same bytes.
 */
public sealed interface Message extends EventLoop.Labelled {
  /** What handling this message is, for the blocked-loop warning. */
  @Override
  default String label() {
    if (this instanceof Invoke m) {
      return "handling invoke on '" + m.channel() + "'";
    }
    if (this instanceof SendSync m) {
      return "handling sendSync on '" + m.channel() + "'";
    }
    if (this instanceof Send m) {
      return "handling send on '" + m.channel() + "'";
    }
    return "handling " + getClass().getSimpleName();
  }

  /** Renderer to main: {@code ipcRenderer.send}. */
  record Send(int frameId, String channel, byte[] payload) implements Message {}

  /** Renderer to main: {@code ipcRenderer.sendSync}; answered by a {@link Reply} with the same call id. */
  record SendSync(long callId, int frameId, String channel, byte[] payload) implements Message {}

  /** Renderer to main: {@code ipcRenderer.invoke}; answered by a {@link Reply} with the same call id. */
  record Invoke(long callId, int frameId, String channel, byte[] payload) implements Message {}

  /** Renderer to main: asks the host for a new frame id; answered by a {@link Reply} holding the id. */
  record OpenFrame(long callId) implements Message {}

  /** Main to renderer: {@code webContents.send}, {@code frame.send} and {@code event.reply}. */
  record Push(int frameId, String channel, byte[] payload) implements Message {}

  /**
   * Main to renderer: the answer to a {@link SendSync} or {@link Invoke}. When {@code ok}, the payload is the
   * encoded value; otherwise it is the encoded pair (remote type, remote message) of the failure.
   */
  record Reply(long callId, boolean ok, byte[] payload) implements Message {}
}
