package io.ipc4j.internal;

import io.ipc4j.IpcException;
import io.ipc4j.IpcRendererHandler;
import io.ipc4j.IpcRendererListener;
import io.ipc4j.MessagePort;
import io.ipc4j.internal.codec.ValueCodec;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the main process sends one renderer, run on the renderer's loop: messages for its frames' listeners, and calls
 * ({@code webContents.invoke}, a frame's) for their handlers, answered with a {@link Message.RendererReply} through
 * the same {@link Replies} the main process uses for a renderer's invokes. Replies to the renderer's own calls do not
 * come here: {@link RendererContext} hands them to their pending calls at once.
 *
 * <p>A call whose handler returned a stage is kept until the stage ends, and a stream the renderer serves until it
 * ends, so that the main process's {@link Message.CancelCall} (its caller cancelled, or its deadline passed) reaches
 * it, as a renderer's {@link Message.Cancel} reaches a main handler; when the renderer closes, every such call is
 * cancelled, since nobody waits for it any more.
 */
final class RendererInbox {
  private static final System.Logger LOG = Log.IPC4J;

  private final RendererContext context;
  /** How this renderer answers the main process's calls: a {@link Message.RendererReply} toward it. */
  private final Replies replies;

  RendererInbox(RendererContext context) {
    this.context = context;
    this.replies = new Replies(context.values) {
      @Override
      Message reply(long callId, boolean ok, byte[] payload, boolean asIs) {
        return new Message.RendererReply(callId, ok, payload, asIs);
      }

      @Override
      boolean framesAsSent() {
        return context.mainFramesAsSent();
      }

      @Override
      void send(Message reply) {
        context.toMain(reply);
      }

      @Override
      ValueCodec receiverValues() {
        return context.mainValues(); // in process: an answer is copied for the main process here
      }

      @Override
      void sendCopy(long callId, Object copy) {
        context.toMain(new Message.RendererReplyCopy(callId, copy, context.values.copiedBytes()));
      }

      @Override
      boolean callerWaits() {
        return context.isOpen();
      }
    };
  }

  /** Whether {@code message} is one this inbox runs on the loop. */
  static boolean takes(Message message) {
    return message instanceof Message.Push || message instanceof Message.CallingRenderer
        || message instanceof Message.CancelCall || message instanceof Message.CallStream
        || message instanceof Message.CallStreamRequest;
  }

  /** The loop's task for one message this inbox {@link #takes}. */
  Runnable delivery(Message message) {
    return new Delivery(message, List.of());
  }

  /** The loop's task for a {@code webContents.postMessage}: a message for listeners, with the ports it carried. */
  Runnable delivery(Message.Push message, List<MessagePort> ports) {
    return new Delivery(message, ports);
  }

  private void dispatch(Message.Push push, List<MessagePort> ports) {
    IpcRendererImpl frame = context.frame(push.frameId());
    if (frame == null) {
      LOG.log(Level.DEBUG, "ipc4j: message on ''{0}'' for unknown frame {1} dropped", push.channel(),
          String.valueOf(push.frameId()));
      ports.forEach(MessagePort::close); // nobody gets them: their peers learn it
      return;
    }
    Emitter.Entry<IpcRendererListener>[] entries = frame.listenersOf(push.channel());
    if (entries.length == 0) {
      LOG.log(Level.DEBUG, "ipc4j: no renderer listener for ''{0}''; message dropped", push.channel());
      ports.forEach(MessagePort::close);
      return;
    }
    Object[] args;
    try {
      args = AsIs.arguments(push, context.values);
    } catch (Throwable e) { // an Error too (a codec's, say): it belongs to this message, not to the loop
      Failures.log(Level.ERROR, "ipc4j: message on '" + push.channel() + "' could not be decoded and was dropped",
          e);
      ports.forEach(MessagePort::close); // nobody gets them: their peers learn it
      return;
    }
    RendererEvent event = new RendererEvent(frame, push.channel(), 0, ports);
    for (Emitter.Entry<IpcRendererListener> entry : entries) {
      if (frame.takeListener(push.channel(), entry)) {
        try {
          entry.listener.onMessage(event, args);
        } catch (Throwable t) {
          LOG.log(Level.WARNING, "Error occurred in renderer listener for '" + push.channel() + "'", t);
        }
      }
    }
  }

  /** Runs the frame's handler for a call from the main process and answers it. */
  private void answer(Message.CallingRenderer call) {
    Object[] args;
    try { // before the handler is taken: a call that cannot be decoded leaves a handleOnce in place
      args = argsOf(call);
    } catch (Throwable t) {
      replies.failure(call.callId(), call.channel(), t);
      return;
    }
    IpcRendererImpl frame = context.frame(call.frameId());
    IpcRendererHandler handler = frame == null ? null : frame.takeHandler(call.channel());
    if (handler == null) {
      String channel = call.channel();
      replies.error(call.callId(), channel, IpcException.class.getName(), Emitter.noHandler(channel));
      return;
    }
    RendererEvent event = new RendererEvent(frame, call.channel(), call.timeoutMillis());
    Object result;
    try {
      result = handler.handle(event, args);
    } catch (Throwable t) {
      replies.failure(call.callId(), call.channel(), t);
      return;
    }
    if (result instanceof java.util.concurrent.Flow.Publisher<?>) { // a stream: invoke cannot take its items
      replies.error(call.callId(), call.channel(), IpcException.class.getName(),
          StreamProducer.notInvokable(call.channel()));
      return;
    }
    if (result instanceof CompletionStage<?> stage) {
      // Kept until the stage ends (the replies forget it then), so that the main process's cancel reaches it.
      event.working(stage);
      replies.keep(call.callId(), event);
    }
    replies.result(call.callId(), call.channel(), result, event);
  }

  /** A call's arguments: decoded here, or as the caller's thread copied them (throwing what that decode threw). */
  private Object[] argsOf(Message.CallingRenderer call) {
    return call instanceof Message.CallRendererCopy copy ? copy.arguments()
        : AsIs.arguments((Message.CallRenderer) call, context.values);
  }

  /**
   * Cancels every call still being answered (invokes whose handlers' stages run, streams served): the renderer is
   * closing, so nobody waits for their answers.
   */
  void cancelAll() {
    replies.cancelAll();
  }

  /**
   * A message for a renderer listener, a call for a renderer handler, or a call's cancel, as the loop's task (its
   * own queue node: handing a message over makes one object).
   */
  private final class Delivery extends TaskQueue.Task implements EventLoop.Labelled {
    private final Message message;
    private final List<MessagePort> ports;

    Delivery(Message message, List<MessagePort> ports) {
      this.message = message;
      this.ports = ports;
    }

    @Override
    public void run() {
      if (message instanceof Message.Push push) {
        dispatch(push, ports);
      } else if (message instanceof Message.CallingRenderer call) {
        answer(call);
      } else if (message instanceof Message.CallStream call) {
        context.streams.serve(call, replies);
      } else if (message instanceof Message.CallStreamRequest request) {
        replies.request(request.callId(), request.n());
      } else { // the main process stopped waiting for a call, or a stream
        replies.cancel(((Message.CancelCall) message).callId());
      }
    }

    @Override
    public String label() {
      return message instanceof Message.Push push ? "a message on '" + push.channel() + "' for frame "
          + push.frameId() : message.label();
    }
  }
}
