package io.ipc4j.example;

import io.ipc4j.IpcRegistration;
import io.ipc4j.IpcRenderer;
import io.ipc4j.MessagePort;

/**
 * A window's end of the MessagePort it shares with one other window. The main process makes the pair and hands one
 * port to each window, with the other window's name; from then on the two windows tell each other what they have
 * selected, and no handler in the main process sees those messages (the host only relays them).
 */
final class SelectionPort {
  /** The channel on which the main process hands a window its port; the message is the other window's name. */
  static final String CHANNEL = "selection-port";

  /** What a window shows of the other one; called on the renderer's event loop. */
  interface View {
    /**
     * The other window selected something.
     *
     * @param peer the other window's name
     * @param selection what it selected
     */
    void peerSelected(String peer, String selection);

    /**
     * The other window's end closed (the window closed, or its renderer went away).
     *
     * @param peer the other window's name
     */
    void peerClosed(String peer);
  }

  private volatile MessagePort port;
  private IpcRegistration registration;

  private SelectionPort() {}

  /**
   * Waits for the main process to hand this window its port, then shows what the other window sends.
   *
   * @param ipc the window's renderer
   * @param view where it shows
   * @return the window's end, not connected until the main process sends the port
   */
  static SelectionPort listen(IpcRenderer ipc, View view) {
    SelectionPort selection = new SelectionPort();
    selection.registration = ipc.on(CHANNEL, (event, args) -> {
      if (event.ports().size() != 1 || !(args.length == 1 && args[0] instanceof String peer)) {
        return; // not the main process's hand-over
      }
      MessagePort received = event.ports().get(0);
      received.onMessage(message -> view.peerSelected(peer, String.valueOf(message.data())));
      received.onClose(() -> view.peerClosed(peer));
      received.start();
      selection.port = received;
    });
    return selection;
  }

  /** The listener for the hand-over. */
  IpcRegistration registration() {
    return registration;
  }

  /** Whether the main process has handed this window its port. */
  boolean connected() {
    return port != null;
  }

  /**
   * Tells the other window what this one selected; does nothing before the port arrives or after it closed.
   *
   * @param selection what was selected
   */
  void select(String selection) {
    MessagePort p = port;
    if (p != null) {
      p.postMessage(selection);
    }
  }
}
