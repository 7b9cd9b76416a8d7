package io.ipc4j.example;

import io.ipc4j.IpcIncoming;
import io.ipc4j.IpcInterceptor;

/**
 * Validates the sender of every IPC message, as Electron's security checklist asks (item 17): the main process
 * answers a window's main frame only. A frame the window opened (content it embeds, which it may not trust) is
 * refused: its invoke or sendSync fails with {@code Error invoking remote method '<channel>':
 * java.lang.SecurityException: ...}, and its send is dropped and logged. The sender's ids come from the host, so a
 * renderer cannot pass for another frame or window.
 */
final class SenderCheck implements IpcInterceptor {
  @Override
  public Completion intercept(IpcIncoming message) {
    if (!message.senderFrame().isMainFrame()) {
      throw new SecurityException("'" + message.channel() + "' answers a window's main frame, not frame "
          + message.frameId() + " of window " + message.sender().id());
    }
    return null;
  }
}
