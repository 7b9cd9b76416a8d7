package io.ipc4j.internal;

import io.ipc4j.IpcIncoming;
import io.ipc4j.IpcInterceptor;
import io.ipc4j.internal.jfr.IpcCallEvent;
import io.ipc4j.internal.jfr.IpcMessageEvent;
import io.ipc4j.internal.jfr.Outcomes;
import java.util.List;

/**
 * What observes the messages renderers send to the main process: the host's interceptors and the Flight Recorder
 * events. A message is observed ({@link #observe} returns an {@link Interception}) only when there are interceptors
 * or a recording wants its event; otherwise it costs a check and no allocation.
 */
final class Interceptors {
  private final IpcInterceptor[] interceptors;

  /** @param interceptors the host's interceptors, in the order they run */
  Interceptors(List<IpcInterceptor> interceptors) {
    this.interceptors = interceptors.toArray(new IpcInterceptor[0]);
  }

  /** Whether messages must be decoded before their listeners or handler are looked for (the interceptors see them). */
  boolean intercepting() {
    return interceptors.length > 0;
  }

  /**
   * Starts observing one message, on the main loop.
   *
   * @return its interception, or null when nothing observes it
   */
  Interception observe(IpcIncoming.Kind kind, WebContentsImpl from, MainEvent event, int payloadBytes) {
    String channel = event.channel();
    IpcCallEvent call = null;
    IpcMessageEvent message = null;
    if (kind == IpcIncoming.Kind.SEND) {
      message = IpcMessageEvent.begin(Outcomes.TO_MAIN, channel, from.id, event.frameId(), payloadBytes);
    } else {
      call = IpcCallEvent.begin(kind == IpcIncoming.Kind.INVOKE ? "invoke" : "sendSync", Outcomes.TO_MAIN, channel,
          from.id, event.frameId(), payloadBytes);
    }
    if (call == null && message == null && interceptors.length == 0) {
      return null;
    }
    Interception seen = new Interception(kind, event, from, call, message);
    if (kind == IpcIncoming.Kind.SEND_SYNC) {
      seen.untilAnswered();
    }
    return seen;
  }

  /**
   * Runs every interceptor on an observed message, in order, until one rejects it.
   *
   * @return what rejected it, or null if all let it through
   */
  Throwable run(Interception seen, Object[] args) {
    seen.args(args);
    for (IpcInterceptor interceptor : interceptors) {
      try {
        seen.onCompletion(interceptor.intercept(seen));
      } catch (Throwable rejection) { // anything an interceptor throws rejects the message; the loop goes on
        return rejection;
      }
    }
    return null;
  }
}
