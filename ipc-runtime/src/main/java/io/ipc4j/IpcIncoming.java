package io.ipc4j;

import java.util.List;

/**
 * A message from a renderer as an {@link IpcInterceptor} sees it: its kind, channel, arguments and sender. The
 * sender's ids are assigned by the host, so a renderer cannot claim another's identity, over sockets too.
 */
public interface IpcIncoming extends IpcEvent {
  /** Which renderer call a message came from. */
  enum Kind {
    /** {@link IpcRenderer#send}: nobody waits for an answer. */
    SEND,
    /** {@link IpcRenderer#sendSync}: the sender blocks until a listener sets the return value. */
    SEND_SYNC,
    /** {@link IpcRenderer#invoke}: the caller's future completes with the handler's answer. */
    INVOKE
  }

  /**
   * Which renderer call sent this message.
   *
   * @return its kind
   */
  Kind kind();

  /**
   * The message's arguments, decoded as its listeners and handler will get them.
   *
   * @return an unmodifiable list (whose elements may be null)
   */
  List<Object> args();
}
