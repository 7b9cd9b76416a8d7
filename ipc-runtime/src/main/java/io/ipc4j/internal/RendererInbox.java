package io.ipc4j.internal;

import io.ipc4j.IpcException;
import io.ipc4j.IpcRendererHandler;
import io.ipc4j.IpcRendererListener;
import java.lang.System.Logger.Level;

/**
 * What the main process sends one renderer, run on the renderer's loop: messages for its frames' listeners, and calls
 * ({@code webContents.invoke}, a frame's) for their handlers, answered with a {@link Message.RendererReply} through
 * the same {@link Replies} the main process uses for a renderer's invokes. Replies to the renderer's own calls do not
 * come here: {@link RendererContext} hands them to their pending calls at once.
 */
final class RendererInbox {
  private static final System.Logger LOG = System.getLogger("io.ipc4j");

  private final RendererContext context;
  /** How this renderer answers the main process's calls: a {@link Message.RendererReply} toward it. */
  private final Replies replies;

  RendererInbox(RendererContext context) {
    this.context = context;
    this.replies = new Replies(context.values) {
      @Override
      Message reply(long callId, boolean ok, byte[] payload) {
        return new Message.RendererReply(callId, ok, payload);
      }

      @Override
      void send(Message reply) {
        context.toMain(reply);
      }
    };
  }

  /** Whether {@code message} is one this inbox runs on the loop. */
  static boolean takes(Message message) {
    return message instanceof Message.Push || message instanceof Message.CallRenderer;
  }

  /** The loop's task for one message this inbox {@link #takes}. */
  Runnable delivery(Message message) {
    return new Delivery(message);
  }

  private void dispatch(Message.Push push) {
    IpcRendererImpl frame = context.frame(push.frameId());
    if (frame == null) {
      LOG.log(Level.DEBUG, "ipc4j: message on ''{0}'' for unknown frame {1} dropped", push.channel(), push.frameId());
      return;
    }
    Listeners.Entry<IpcRendererListener>[] entries = frame.listeners.snapshot(push.channel());
    if (entries.length == 0) {
      LOG.log(Level.DEBUG, "ipc4j: no renderer listener for ''{0}''; message dropped", push.channel());
      return;
    }
    Object[] args;
    try {
      args = context.values.decodeArgs(push.payload());
    } catch (Throwable e) { // an Error too (a codec's, say): it belongs to this message, not to the loop
      Failures.log(Level.ERROR, "ipc4j: message on '" + push.channel() + "' could not be decoded and was dropped",
          e);
      return;
    }
    RendererEvent event = new RendererEvent(frame, push.channel());
    for (Listeners.Entry<IpcRendererListener> entry : entries) {
      if (frame.listeners.take(push.channel(), entry)) {
        try {
          entry.listener.onMessage(event, args);
        } catch (Throwable t) {
          LOG.log(Level.WARNING, "Error occurred in renderer listener for '" + push.channel() + "'", t);
        }
      }
    }
  }

  /** Runs the frame's handler for a call from the main process and answers it. */
  private void answer(Message.CallRenderer call) {
    IpcRendererImpl frame = context.frame(call.frameId());
    IpcRendererHandler handler = frame == null ? null : frame.take(call.channel());
    if (handler == null) {
      replies.error(call.callId(), call.channel(), IpcException.class.getName(), Handlers.noHandler(call.channel()));
      return;
    }
    Object result;
    try {
      result = handler.handle(new RendererEvent(frame, call.channel()), context.values.decodeArgs(call.payload()));
    } catch (Throwable t) {
      replies.failure(call.callId(), call.channel(), t);
      return;
    }
    replies.result(call.callId(), call.channel(), result);
  }

  /** A message for a renderer listener, or a call for a renderer handler, as the loop's task. */
  private final class Delivery implements Runnable, EventLoop.Labelled {
    private final Message message;

    Delivery(Message message) {
      this.message = message;
    }

    @Override
    public void run() {
      if (message instanceof Message.Push push) {
        dispatch(push);
      } else {
        answer((Message.CallRenderer) message);
      }
    }

    @Override
    public String label() {
      return message instanceof Message.Push push ? "a message on '" + push.channel() + "' for frame "
          + push.frameId() : message.label();
    }
  }
}
