package io.ipc4j.internal;

import io.ipc4j.IpcMainEvent;
import io.ipc4j.IpcMainInvokeEvent;
import io.ipc4j.WebContents;
import io.ipc4j.WebFrameMain;
import java.util.concurrent.atomic.AtomicBoolean;

/** The event of one message in the main process: an {@link IpcMainEvent} and an {@link IpcMainInvokeEvent}. */
final class MainEvent extends CallEvent implements IpcMainEvent, IpcMainInvokeEvent {
  /** The sending frame; its renderer's {@code WebContents} is not kept apart, so that an event is 64 bytes. */
  private final WebFrameMainImpl frame;
  private final String channel;
  /** A {@code sendSync}'s call and whether it was answered; null for any other message (an invoke's event is 48 B). */
  private final SyncAnswer answered;
  /** The ports an {@code ipcRenderer.postMessage} carried; set before any listener sees the event. */
  private java.util.List<io.ipc4j.MessagePortMain> ports = java.util.List.of();
  /**
   * Told when a sendSync's answer goes out, or when the caller of an invoke stops waiting before its handler's stage
   * ends, while an interceptor or a recording observes the message.
   */
  private volatile Interception observer;

  /** @param syncCallId the call id of a {@code sendSync} message, or -1 */
  MainEvent(WebFrameMainImpl frame, String channel, long syncCallId) {
    this(frame, channel, syncCallId, 0);
  }

  /** The event of an invoke whose caller waits {@code timeoutMillis}. */
  MainEvent(WebFrameMainImpl frame, String channel, long syncCallId, long timeoutMillis) {
    super(timeoutMillis);
    this.frame = frame;
    this.channel = channel;
    this.answered = syncCallId >= 0 ? new SyncAnswer(syncCallId) : null;
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public WebContents sender() {
    return frame.webContents();
  }

  private WebContentsImpl contents() {
    return (WebContentsImpl) frame.webContents();
  }

  @Override
  public int processId() {
    return contents().processId;
  }

  @Override
  public int frameId() {
    return frame.frameId();
  }

  @Override
  public WebFrameMain senderFrame() {
    return frame;
  }

  void observedBy(Interception seen) {
    observer = seen;
  }

  /** An observed invoke ends when its caller stops waiting: its stage may end later, or never, unheard. */
  @Override
  void callerStopped(boolean byCaller) {
    Interception seen = observer;
    if (seen != null) {
      seen.callerStopped(byCaller);
    }
  }

  @Override
  public void reply(String channel, Object... args) {
    frame.send(channel, args);
  }

  @Override
  public boolean isSync() {
    return answered != null;
  }

  /** The call id of a {@code sendSync}, or -1 for any other message. */
  long syncCallId() {
    return answered == null ? -1 : answered.callId;
  }

  @Override
  public boolean hasReturnValue() {
    return answered != null && answered.get();
  }

  @Override
  public void setReturnValue(Object value) {
    if (answered == null) {
      throw new IllegalStateException("setReturnValue answers messages sent with sendSync; the message on '"
          + channel + "' came from send, which expects no answer");
    }
    if (answered.get()) {
      return; // the first answer won: a later one is ignored before it is encoded, so it cannot fail
    }
    WebContentsImpl sender = contents();
    byte[] payload = sender.values().encodeValue(value); // first: a value that cannot be sent leaves it unanswered
    if (answered.compareAndSet(false, true)) {
      Interception seen = observer;
      if (seen != null && sender.isDestroyed()) { // its answer goes to nobody
        seen.callerStopped(false);
      } else if (seen != null) { // before the answer goes: its sender then knows the interceptors' completions ran
        seen.finish(payload.length, io.ipc4j.internal.jfr.Outcomes.OK, null);
      }
      sender.link.toRenderer(new Message.Reply(answered.callId, true, payload));
    }
  }

  /** Answers a {@code sendSync} nobody answered with a failure; false if it was answered already. */
  boolean fail(String remoteType, String remoteMessage) {
    if (answered == null || !answered.compareAndSet(false, true)) {
      return false;
    }
    WebContentsImpl sender = contents();
    sender.link.toRenderer(Message.Reply.failed(answered.callId, remoteType, remoteMessage, sender.values()));
    return true;
  }

  void ports(java.util.List<io.ipc4j.MessagePortMain> received) {
    ports = java.util.List.copyOf(received);
  }

  @Override
  public java.util.List<io.ipc4j.MessagePortMain> ports() {
    return ports;
  }

  @Override
  public String toString() {
    return "IpcMainEvent[" + channel + " from " + frame + "]";
  }

  /** A {@code sendSync}'s call id, and whether its answer went (claimed once). */
  private static final class SyncAnswer extends AtomicBoolean {
    private static final long serialVersionUID = 1L;
    final long callId;

    SyncAnswer(long callId) {
      this.callId = callId;
    }
  }
}
