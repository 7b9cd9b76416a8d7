package io.ipc4j.internal;

import io.ipc4j.IpcRendererHandler;
import io.ipc4j.internal.jfr.Outcomes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * One renderer's streams: those its frames opened on main handlers (by its own call ids, the ids of its invokes
 * too), whose subscribers get their signals on the renderer's loop, and those the main process opened on its
 * handlers, which its handlers serve on the loop (kept by the host's call ids with the main process's other calls
 * the renderer still answers, in its inbox's {@link Replies}).
 */
final class StreamRendererSide {
  private final RendererContext context;
  /** The streams this renderer opened, by its call id. */
  private final Map<Long, Opened> opened = new ConcurrentHashMap<>();
  private volatile String closedReason;

  StreamRendererSide(RendererContext context) {
    this.context = context;
  }

  /** {@code ipcRenderer.stream} of one frame: a cold publisher; each subscribe opens one stream. */
  Flow.Publisher<Object> publisher(int frameId, String channel, Object[] args) {
    return StreamSubscription.publisher(channel, args, subscriber -> open(frameId, channel, args, subscriber));
  }

  private void open(int frameId, String channel, Object[] args, Flow.Subscriber<? super Object> subscriber) {
    Opened call = new Opened(context.newCallId(), channel, subscriber);
    byte[] payload;
    try {
      context.ensureOpen();
      payload = context.values.encodeArgs(args);
    } catch (RuntimeException e) { // nothing was sent
      call.fail(e, false);
      call.release();
      return;
    }
    opened.put(call.id, call);
    String reason = closedReason;
    if (reason != null) { // closed while it opened: the sweep may have missed it
      if (opened.remove(call.id, call)) {
        call.disconnect(reason);
      }
    } else {
      try {
        context.toMain(new Message.Stream(call.id, frameId, channel, payload));
      } catch (RuntimeException e) { // the host is gone
        if (opened.remove(call.id, call)) {
          call.fail(e, false);
        }
      }
    }
    call.release();
  }

  /**
   * An item of a stream this renderer opened; any thread.
   *
   * @return null, or how the host broke the protocol
   */
  String item(Message.StreamItem item) {
    return StreamSubscription.item(opened, item.callId(), item.payload());
  }

  /**
   * The end of a stream this renderer opened; any thread.
   *
   * @return null, or how the host broke the protocol
   */
  String end(Message.StreamEnd end) {
    return StreamSubscription.end(opened, end.callId(), end.ok(), end.payload());
  }

  /**
   * The main process opens a stream on one of this renderer's handlers; the loop.
   *
   * @param replies the calls the renderer answers, which keep the stream while it is served
   */
  void serve(Message.CallStream call, Replies replies) {
    IpcRendererImpl frame = context.frame(call.frameId());
    RendererEvent event = new RendererEvent(frame != null ? frame : context.mainFrame(), call.channel(), 0);
    Served producer = new Served(call.callId(), event, replies);
    replies.keep(call.callId(), producer);
    if (!context.isOpen()) { // cancelled as it was kept, or by the close's sweep: no handler runs
      return;
    }
    Object[] args;
    try { // before the handler is taken: a stream that cannot be decoded leaves a handleOnce in place
      args = context.values.decodeArgs(call.payload());
    } catch (Throwable t) {
      producer.fail(t, Outcomes.ERROR);
      return;
    }
    IpcRendererHandler handler = frame == null ? null : frame.takeHandler(call.channel());
    Object[] decoded = args;
    producer.serveWith(call.channel(), handler == null ? null : () -> handler.handle(event, decoded));
  }

  /**
   * This renderer closes: its streams fail as disconnected (the main process's streams it serves are cancelled with
   * the other calls it answers: {@link RendererInbox#cancelAll}).
   */
  void close(String reason) {
    closedReason = reason;
    StreamSubscription.disconnectAll(opened, reason);
  }

  /** A stream this renderer opened. */
  private final class Opened extends StreamSubscription {
    Opened(long id, String channel, Flow.Subscriber<? super Object> subscriber) {
      super(id, channel, subscriber, context.values, context.callbacks());
    }

    @Override
    void sendRequest(long n) {
      context.toMain(new Message.StreamRequest(id, n));
    }

    @Override
    void sendCancel() {
      context.toMain(new Message.Cancel(id));
    }
  }

  /** A stream the main process opened, served by this renderer's handler. */
  private final class Served extends StreamProducer {
    private final Replies replies;

    Served(long callId, RendererEvent event, Replies replies) {
      super(callId, event.channel(), context.values, event, context.loop());
      this.replies = replies;
    }

    @Override
    void sendItem(byte[] payload) {
      context.toMain(new Message.CallStreamItem(id, payload));
    }

    @Override
    void sendEnd(boolean ok, byte[] payload) {
      context.toMain(new Message.CallStreamEnd(id, ok, payload));
    }

    @Override
    void ended(String outcome, Throwable failure) {
      replies.ended(id, this);
    }
  }
}
