package io.ipc4j.internal;

import io.ipc4j.IpcException;
import io.ipc4j.IpcIncoming;
import io.ipc4j.IpcMainHandler;
import io.ipc4j.internal.jfr.Outcomes;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Finds and runs what a renderer's message is for, on the main loop, as Electron's ipc-dispatch: a send's listeners
 * in every scope (the sending frame's {@code webFrameMain.ipc}, then its renderer's {@code webContents.ipc}, then the
 * global {@code ipcMain}; {@link WebFrameMainImpl#scopes} gives that order), an invoke's handler (the first scope
 * that has one), and the reply. The registries only hold listeners and handlers; this is where they run.
 *
 * <p>The host's interceptors ({@link Interceptors}) see a message before any scope does, and may reject it; while
 * they or a Flight Recorder recording observe it, its {@link Interception} follows it until it is answered.
 *
 * <p>Nothing a listener, a handler, an interceptor or the decoding of a message throws (an {@code Error} included)
 * escapes: a failure becomes the answer of the call it belongs to, or is logged.
 */
final class MainDispatch {
  private static final System.Logger LOG = Log.IPC4J;
  private static final String IPC_EXCEPTION = IpcException.class.getName();

  private final Interceptors interceptors;

  /** @param interceptors what sees each message first */
  MainDispatch(Interceptors interceptors) {
    this.interceptors = interceptors;
  }

  /** Handles one message; never throws: a failure answers the call it belongs to, or is logged. */
  void dispatch(WebContentsImpl from, Message message) {
    try {
      handle(from, message);
    } catch (Throwable t) {
      Failures.log(Level.ERROR, "ipc4j: handling a message from " + from + " failed", t);
    }
  }

  private void handle(WebContentsImpl from, Message message) {
    if (from.isDestroyed()) {
      return;
    }
    if (message instanceof Message.Send m) {
      onSend(from, m.frameId(), m.channel(), m, -1);
    } else if (message instanceof Message.SendSync m) {
      onSend(from, m.frameId(), m.channel(), m, m.callId());
    } else if (message instanceof Message.Invoking m) {
      onInvoke(from, m);
    } else if (message instanceof Message.Cancel m) {
      if (!from.replies.cancel(m.callId())) { // an invoke whose handler's stage runs, or a stream; else
        from.unansweredSyncs.cancel(m.callId()); // an observed sendSync a listener keeps unanswered, if any
      }
    } else if (message instanceof Message.RendererAnswer m) {
      from.calls.answer(m);
    } else if (message instanceof Message.Stream m) {
      onStream(from, m);
    } else if (message instanceof Message.StreamRequest m) {
      from.replies.request(m.callId(), m.n());
    } else if (message instanceof Message.CallStreamItem m) {
      brokeProtocolIf(from, from.streams.item(m));
    } else if (message instanceof Message.CallStreamEnd m) {
      brokeProtocolIf(from, from.streams.end(m));
    } else if (message instanceof Message.OpenFrame m) {
      int frameId;
      try {
        frameId = from.openFrame();
      } catch (IpcException e) { // one frame too many: this call fails, the renderer goes on
        from.replies.error(m.callId(), "(open frame)", IPC_EXCEPTION, e.getMessage());
        return;
      }
      from.link.toRenderer(new Message.Reply(m.callId(), true, from.values().encodeValue(frameId)));
    } else if (message instanceof Message.PostMessage m) {
      onPostMessage(from, m);
    } else if (PortRelay.takes(message)) {
      try {
        PortRelay.receive(from, message);
      } catch (PortRelay.PortViolation v) {
        from.brokeProtocol(v.getMessage());
      }
    } else {
      LOG.log(Level.WARNING, "ipc4j: {0} sent an unexpected {1}; dropped", from, message.getClass().getSimpleName());
    }
  }

  private WebFrameMainImpl frameOf(WebContentsImpl from, int frameId, String channel) {
    WebFrameMainImpl frame = from.frame(frameId);
    if (frame == null) {
      // A renderer may speak only for its own frames: one that claims another's is cut off.
      from.brokeProtocol("it sent on '" + channel + "' from frame " + frameId + ", which it does not have");
    }
    return frame;
  }

  /** Cuts off a renderer that broke the protocol ({@code reason} says how), as a malformed frame would; else none. */
  private static void brokeProtocolIf(WebContentsImpl from, String reason) {
    if (reason != null) {
      from.brokeProtocol(reason);
    }
  }

  /**
   * {@code ipcRenderer.postMessage}: its ports become the main process's, then its listeners run as a send's, with
   * the message as their one argument. Ports that no listener receives close, so that their peers learn it (see
   * {@link #undelivered}).
   */
  private void onPostMessage(WebContentsImpl from, Message.PostMessage m) {
    WebFrameMainImpl frame = frameOf(from, m.frameId(), m.channel());
    if (frame == null) {
      return;
    }
    java.util.List<io.ipc4j.MessagePortMain> ports;
    try {
      ports = PortRelay.toMain(from, m);
    } catch (PortRelay.PortViolation v) {
      from.brokeProtocol(v.getMessage());
      return;
    }
    onSend(from, m.frameId(), m.channel(), m, -1, ports);
  }

  private void onSend(WebContentsImpl from, int frameId, String channel, Message.WithPayload m, long syncCallId) {
    onSend(from, frameId, channel, m, syncCallId, java.util.List.of());
  }

  private void onSend(WebContentsImpl from, int frameId, String channel, Message.WithPayload m, long syncCallId,
      java.util.List<io.ipc4j.MessagePortMain> ports) {
    WebFrameMainImpl frame = frameOf(from, frameId, channel);
    if (frame == null) {
      return;
    }
    MainEvent event = new MainEvent(frame, channel, syncCallId);
    if (!ports.isEmpty()) {
      event.ports(ports);
    }
    IpcMainImpl[] order = frame.scopes();
    Interception seen = interceptors.observe(event.isSync() ? IpcIncoming.Kind.SEND_SYNC : IpcIncoming.Kind.SEND,
        from, event, m.payload().length);
    if (seen != null) {
      event.observedBy(seen);
    }
    // Interceptors see every message, so it is decoded before its listeners are looked for.
    if (!interceptors.intercepting() && !IpcMainImpl.anyListener(order, channel)) {
      noListener(from, event, seen);
      return;
    }
    Object[] args;
    try {
      args = AsIs.arguments(m, from.values());
    } catch (Throwable e) { // an Error too (a codec's, or memory): it answers this message, the loop goes on
      Failures.log(Level.ERROR, "ipc4j: a message on '" + channel + "' from " + from + " could not be decoded", e);
      undelivered(event);
      if (seen != null) {
        seen.finish(0, Outcomes.ERROR, e);
      }
      event.fail(e.getClass().getName(), Failures.messageOf(e));
      return;
    }
    if (interceptors.intercepting()) {
      Throwable rejection = interceptors.run(seen, args);
      if (rejection != null) {
        reject(from, event, seen, rejection);
        return;
      }
      if (!IpcMainImpl.anyListener(order, channel)) {
        noListener(from, event, seen);
        return;
      }
    }
    Throwable failure = null;
    for (IpcMainImpl scope : order) {
      Throwable scopeFailure = scope.runListeners(event, args);
      if (failure == null) {
        failure = scopeFailure;
      }
    }
    if (seen != null && (failure != null || !event.isSync())) { // else the sendSync's answer finishes it
      seen.finish(0, Outcomes.of(failure), failure);
    }
    if (failure != null) {
      event.fail(Failures.typeOf(failure), Failures.messageOf(failure));
    }
  }

  /**
   * Closes the ports of a message that no listener receives (nobody listens, it cannot be decoded, or an interceptor
   * rejected it): nothing could ever reach them, and their peers, told of the close, stop posting into them.
   */
  private static void undelivered(MainEvent event) {
    event.ports().forEach(io.ipc4j.MessagePortMain::close);
  }

  private static void noListener(WebContentsImpl from, MainEvent event, Interception seen) {
    undelivered(event);
    String channel = event.channel();
    if (seen != null) {
      seen.finish(0, Outcomes.ERROR, new IpcException("No listener registered for '" + channel + "'"));
    }
    if (event.isSync()) {
      LOG.log(Level.WARNING, "WebContents #{0} called ipcRenderer.sendSync() with ''{1}'' channel without "
          + "listeners.", String.valueOf(from.id), channel); // an id, not a number to group: #1000, not #1,000
      event.fail(IPC_EXCEPTION, "No listener registered for '" + channel + "'");
    } else {
      LOG.log(Level.DEBUG, "ipc4j: no listener for ''{0}''; message dropped", channel);
    }
  }

  /**
   * An interceptor rejected a send or sendSync: a sendSync's caller gets the rejection, a send is dropped (and the
   * ports it carried close).
   */
  private static void reject(WebContentsImpl from, MainEvent event, Interception seen, Throwable rejection) {
    undelivered(event);
    seen.finish(0, Outcomes.REJECTED, rejection);
    if (event.isSync()) {
      event.fail(rejection.getClass().getName(), Failures.messageOf(rejection));
    } else {
      Failures.log(Level.WARNING, "ipc4j: an interceptor rejected a send on '" + event.channel() + "' from " + from
          + "; message dropped", rejection);
    }
  }

  /** An invoke, as framed ({@link Message.Invoke}) or copied in process ({@link Message.InvokeCopy}). */
  private void onInvoke(WebContentsImpl from, Message.Invoking m) {
    long callId = m.callId();
    String channel = m.channel();
    WebFrameMainImpl frame = frameOf(from, m.frameId(), channel);
    if (frame == null) {
      return;
    }
    if (from.reusesCallId(callId, channel)) {
      return;
    }
    MainEvent event = new MainEvent(frame, channel, -1, m.timeoutMillis());
    Interception seen = interceptors.observe(IpcIncoming.Kind.INVOKE, from, event, m.payloadBytes());
    String refusal = from.callRefusal(channel);
    if (refusal != null) { // before the interceptors and any handler: nothing of it runs; its Call event ends here
      if (seen != null) {
        seen.finish(0, Outcomes.ERROR, new IpcException(refusal));
      }
      from.replies.error(callId, channel, IPC_EXCEPTION, refusal);
      return;
    }
    Replies replies = seen == null ? from.replies : seen.replies();
    Object[] args;
    try { // before any handler is taken: a call that cannot be decoded, or is rejected, leaves a handleOnce in place
      args = argsOf(from, m);
    } catch (Throwable t) {
      replies.failure(callId, channel, t);
      return;
    }
    if (interceptors.intercepting()) {
      Throwable rejection = interceptors.run(seen, args);
      if (rejection != null) {
        seen.finish(0, Outcomes.REJECTED, rejection);
        from.replies.error(callId, channel, rejection.getClass().getName(), Failures.messageOf(rejection));
        return;
      }
    }
    IpcMainHandler handler = frame.takeHandler(channel);
    if (handler == null) {
      replies.error(callId, channel, IPC_EXCEPTION, Emitter.noHandler(channel));
      return;
    }
    Object result;
    try {
      result = handler.handle(event, args);
    } catch (Throwable t) {
      replies.failure(callId, channel, t);
      return;
    }
    if (result instanceof Flow.Publisher<?>) { // a stream: invoke cannot take its items
      replies.error(callId, channel, IPC_EXCEPTION, StreamProducer.notInvokable(channel));
      return;
    }
    if (result instanceof CompletionStage<?> stage) {
      // Kept until the stage ends (the renderer's Replies forget it then), so that the caller's cancel reaches it.
      if (seen != null) { // and its observers learn then that the invoke ended
        event.observedBy(seen);
      }
      event.working(stage);
      from.replies.keep(callId, event);
    }
    replies.result(callId, channel, result, event);
  }

  /** An invoke's arguments: decoded here, or as the caller's thread copied them (throwing what that decode threw). */
  private static Object[] argsOf(WebContentsImpl from, Message.Invoking m) {
    return m instanceof Message.InvokeCopy copy ? copy.arguments()
        : AsIs.arguments((Message.Invoke) m, from.values());
  }

  /**
   * A renderer opens a stream: the interceptors see it as an invoke, then the first scope's handler runs and what
   * it returns is streamed (see {@link StreamMainSide}). It has no deadline.
   */
  private void onStream(WebContentsImpl from, Message.Stream m) {
    String channel = m.channel();
    WebFrameMainImpl frame = frameOf(from, m.frameId(), channel);
    if (frame == null) {
      return;
    }
    MainEvent event = new MainEvent(frame, channel, -1);
    Interception seen = interceptors.intercepting()
        ? new Interception(IpcIncoming.Kind.INVOKE, event, from, null, null) : null;
    if (from.reusesCallId(m.callId(), channel)) {
      return;
    }
    String refusal = from.callRefusal(channel);
    if (refusal != null) {
      from.streams.serve(m.callId(), event, null).fail(new IpcException(refusal), Outcomes.ERROR);
      return;
    }
    StreamProducer producer = from.streams.serve(m.callId(), event, seen);
    Object[] args;
    try { // before any handler is taken: a stream that cannot be decoded, or is rejected, leaves a handleOnce
      args = from.values().decodeArgs(m.payload());
    } catch (Throwable t) {
      producer.fail(t, Outcomes.ERROR);
      return;
    }
    if (seen != null) {
      Throwable rejection = interceptors.run(seen, args);
      if (rejection != null) {
        producer.fail(rejection, Outcomes.REJECTED);
        return;
      }
    }
    IpcMainHandler handler = frame.takeHandler(channel);
    Object[] decoded = args;
    producer.serveWith(channel, handler == null ? null : () -> handler.handle(event, decoded));
  }
}
