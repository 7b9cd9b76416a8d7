package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.internal.jfr.IpcStreamEvent;
import io.ipc4j.internal.jfr.Outcomes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * The streams between the main process and one renderer, as the main process keeps them: those the renderer opened
 * on main handlers (kept, by the renderer's call ids, with the renderer's other calls that main handlers still answer:
 * {@link WebContentsImpl#replies}) and those the main process opened on the renderer's handlers (by the host's call
 * ids). Each renderer has its own tables, since each side chooses its ids: two renderers' streams with the same id
 * never meet. Messages from the renderer come here on the main loop; the subscribers of the main process's
 * streams get their signals on the main loop too.
 */
final class StreamMainSide {
  private final WebContentsImpl contents;
  /** Runs a callback on the main loop (in place when called there): the main process's subscribers' signals. */
  private final Executor mainLoop;
  /** The main loop itself, whose tasks are always queued: where a main handler's publisher is asked for more. */
  private final EventLoop loop;
  /** The main process's streams that the renderer serves, by the host's call id. */
  private final Map<Long, Opened> opened = new ConcurrentHashMap<>();
  private volatile String closedReason;

  StreamMainSide(WebContentsImpl contents, EventLoop mainLoop) {
    this.contents = contents;
    this.mainLoop = mainLoop.callbacks();
    this.loop = mainLoop;
  }

  /** {@code webContents.stream} and {@code frame.stream}: a cold publisher; each subscribe opens one stream. */
  Flow.Publisher<Object> publisher(int frameId, String channel, Object[] args) {
    return StreamSubscription.publisher(channel, args, subscriber -> open(frameId, channel, args, subscriber));
  }

  private void open(int frameId, String channel, Object[] args, Flow.Subscriber<? super Object> subscriber) {
    Opened call = new Opened(contents.calls.newCallId(), channel, frameId, subscriber);
    byte[] payload;
    try {
      payload = contents.calls.encodeArgs(args, false); // a stream's arguments are always encoded
    } catch (RuntimeException e) { // nothing was sent
      call.fail(e, false);
      call.release();
      return;
    }
    call.event = IpcStreamEvent.open(Outcomes.TO_RENDERER, channel, contents.id, frameId);
    opened.put(call.id, call);
    String reason = closedReason;
    if (reason != null && opened.remove(call.id, call)) { // closed while it opened: the sweep may have missed it
      call.disconnect(reason);
    } else {
      try {
        contents.link.toRenderer(new Message.CallStream(call.id, frameId, channel, payload));
      } catch (RuntimeException e) { // too large for a frame: nothing was sent
        if (opened.remove(call.id, call)) {
          call.fail(e, false);
        }
      }
    }
    call.release();
  }

  /**
   * Starts serving a stream the renderer opened, before its handler runs: its requests and cancel find it from now
   * (one the renderer's side closed meanwhile is cancelled at once).
   *
   * @param event the handler's event
   * @param seen its interception, or null when nothing observes it
   */
  StreamProducer serve(long callId, MainEvent event, Interception seen) {
    Served producer = new Served(callId, event, seen);
    contents.replies.keep(callId, producer);
    return producer;
  }

  /**
   * An item of a stream the main process opened.
   *
   * @return null, or how the renderer broke the protocol
   */
  String item(Message.CallStreamItem item) {
    return StreamSubscription.item(opened, item.callId(), item.payload());
  }

  /**
   * The end of a stream the main process opened.
   *
   * @return null, or how the renderer broke the protocol
   */
  String end(Message.CallStreamEnd end) {
    return StreamSubscription.end(opened, end.callId(), end.ok(), end.payload());
  }

  /**
   * The renderer is gone: the main process's streams fail as disconnected (the streams it opened are cancelled with
   * its other calls: {@link Replies#cancelAll}).
   */
  void close(String reason) {
    closedReason = reason;
    StreamSubscription.disconnectAll(opened, reason);
  }

  /** A stream the main process opened on the renderer. */
  private final class Opened extends StreamSubscription {
    private final int frameId;
    IpcStreamEvent event;

    Opened(long id, String channel, int frameId, Flow.Subscriber<? super Object> subscriber) {
      super(id, channel, subscriber, contents.values(), mainLoop);
      this.frameId = frameId;
    }

    @Override
    void sendRequest(long n) {
      contents.link.toRenderer(new Message.CallStreamRequest(id, n));
    }

    @Override
    void sendCancel() {
      contents.link.toRenderer(new Message.CancelCall(id));
    }

    @Override
    void ended(String outcome, String failureType) {
      if (event != null) {
        event.finish(items, bytes, outcome, failureType);
      }
    }

    @Override
    public String toString() {
      return super.toString() + " of frame " + frameId;
    }
  }

  /** A stream the renderer opened, served by a main handler. */
  private final class Served extends StreamProducer {
    private final Interception seen;
    private final IpcStreamEvent event;

    Served(long callId, MainEvent event, Interception seen) {
      super(callId, event.channel(), contents.values(), event, loop);
      this.seen = seen;
      this.event = IpcStreamEvent.open(Outcomes.TO_MAIN, event.channel(), contents.id, event.frameId());
    }

    @Override
    void sendItem(byte[] payload) {
      if (!contents.link.isConnected()) { // the item would be dropped: the publisher is asked for no more
        throw new IpcDisconnectedException(contents + " is disconnected; the stream on '" + channel + "' ends");
      }
      contents.link.toRenderer(new Message.StreamItem(id, payload));
    }

    @Override
    void sendEnd(boolean ok, byte[] payload) {
      contents.link.toRenderer(new Message.StreamEnd(id, ok, payload));
    }

    @Override
    void ended(String outcome, Throwable failure) {
      contents.replies.ended(id, this);
      if (event != null) {
        event.finish(items, bytes, outcome, Outcomes.typeOf(failure));
      }
      if (seen != null) {
        seen.finish(bytes, outcome, failure);
      }
    }
  }
}
