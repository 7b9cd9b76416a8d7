package io.ipc4j.internal;

import io.ipc4j.internal.codec.ValueCodec;
import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * How a handler's outcome becomes the reply of its call, the same on either side: a value is encoded and sent, a
 * {@code CompletionStage} replies when it completes (from whichever thread completes it), and a failure is sent in
 * the failed reply's form (the remote exception's type and message). Nothing the handler, its stage or the encoding
 * throws escapes: it becomes the reply.
 */
final class CallAnswer {
  /** The message that answers a call: a {@link Message.Reply} or a {@link Message.RendererReply}. */
  @FunctionalInterface
  interface Form {
    Message reply(long callId, boolean ok, byte[] payload);
  }

  private final long callId;
  private final String channel;
  private final ValueCodec values;
  private final Form form;
  private final Consumer<Message> out;

  /**
   * @param values the codec of the answering side
   * @param form which message answers the call
   * @param out where the answer goes (the caller's link)
   */
  CallAnswer(long callId, String channel, ValueCodec values, Form form, Consumer<Message> out) {
    this.callId = callId;
    this.channel = channel;
    this.values = values;
    this.form = form;
    this.out = out;
  }

  /** Runs the handler (decoding its arguments included) and answers with what it returns or throws. */
  void run(Callable<Object> handler) {
    Object result;
    try {
      result = handler.call();
    } catch (Throwable t) {
      failure(t);
      return;
    }
    if (result instanceof CompletionStage<?> stage) {
      try {
        stage.whenComplete((value, failure) -> {
          if (failure != null) {
            failure(failure);
          } else {
            value(value);
          }
        });
      } catch (Throwable t) { // a stage of the user's own making may refuse the callback
        failure(t);
      }
    } else {
      value(result);
    }
  }

  void value(Object value) {
    byte[] payload;
    try {
      payload = values.encodeValue(value);
    } catch (Throwable e) { // a value too deep for the stack fails its call, not the loop (or the stage's thread)
      failure(e);
      return;
    }
    send(form.reply(callId, true, payload));
  }

  void failure(Throwable failure) {
    Throwable cause = Failures.unwrap(failure);
    Failures.log(Level.DEBUG, "Error occurred in handler for '" + channel + "':", cause);
    error(cause.getClass().getName(), Failures.messageOf(cause));
  }

  void error(String type, String message) {
    send(form.reply(callId, false, Message.Reply.failurePayload(type, message, values)));
  }

  private void send(Message reply) {
    try {
      out.accept(reply);
    } catch (RuntimeException e) { // the caller's side is gone: nobody waits for this answer any more
      Failures.log(Level.DEBUG, "ipc4j: the answer on '" + channel + "' could not be sent", e);
    }
  }
}
