package io.ipc4j.internal;

import io.ipc4j.internal.codec.ValueCodec;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls one side answers, and how a handler's outcome becomes the reply of its call, the same on either side: a
 * value is encoded and sent, a {@code CompletionStage} replies when it completes (from whichever thread completes
 * it), and a failure is sent in the failed reply's form (the remote exception's type and message; for an exception
 * the method declares, reported by generated code as a {@code DeclaredFailure}, the declared type). Nothing the
 * handler, its stage or the encoding throws escapes: it becomes the reply.
 *
 * <p>One per side that answers calls (a renderer's {@code WebContents} on the main side, a renderer's context on
 * its own), made once: answering a call allocates nothing here unless the handler returned a stage. What still
 * answers after its handler returned is kept in one table by the caller's call id ({@link #keep}): an invoke whose
 * handler returned a stage, until the stage ends, and a stream this side serves, until it ends. A cancel from the
 * caller finds it there; the in-flight limit counts it; when the caller's side goes, every one is cancelled, since
 * nobody waits for it any more.
 */
abstract class Replies {
  /** What {@link #copyFor} returns for a value the caller's codec cannot decode. */
  private static final Object NOT_COPIED = new Object();
  private final ValueCodec values;
  /** What still answers, by the caller's call id: invokes whose stages have not ended, streams served. */
  private final Map<Long, Answering> inFlight;

  /** A call that answers after its handler returned: an invoke's handler event, or a stream's producer. */
  interface Answering {
    /**
     * Stops answering, once the call left the table: the caller cancelled ({@code byCaller}, which a stream answers
     * with its end) or its side is gone.
     */
    void cancel(boolean byCaller);
  }

  Replies(ValueCodec values) {
    this.values = values;
    this.inFlight = new ConcurrentHashMap<>();
  }

  /**
   * Answers on behalf of {@code side}, in a form of its own, with {@code side}'s table: what it keeps, ends or cancels
   * is {@code side}'s (an intercepted invoke's answers, which its interception sees go out).
   */
  Replies(ValueCodec values, Replies side) {
    this.values = values;
    this.inFlight = side.inFlight;
  }

  /** The reply message of this side's form; {@code asIs}: see {@link Message.WithPayload#asIs}. */
  abstract Message reply(long callId, boolean ok, byte[] payload, boolean asIs);

  /** Whether {@link #send} frames the reply before it returns (see {@link RendererLink#framesAsSent}). */
  abstract boolean framesAsSent();

  /** Sends the reply toward the caller; may throw if the caller's side is gone. */
  abstract void send(Message reply);

  /**
   * The caller's codec when the caller is in this JVM, so that a value is copied for it rather than encoded (see
   * {@link RendererLink#rendererValues()}); null (the default) when answers must be encoded.
   */
  ValueCodec receiverValues() {
    return null;
  }

  /** Sends the caller a value copied for it with {@link #receiverValues()}'s codec; may throw as {@link #send}. */
  void sendCopy(long callId, Object copy) {
    throw new UnsupportedOperationException("This side sends encoded answers only");
  }

  /**
   * Whether the caller may still wait for answers: false once this side closed (a renderer) or was destroyed (its
   * {@code WebContents}); the caller then fails its calls as disconnected, and the stages the closing cancelled
   * must not answer them first.
   */
  boolean callerWaits() {
    return true;
  }

  /** Whether the call is still answered: an invoke whose handler's stage has not ended, or a stream served. */
  final boolean isAnswering(long callId) {
    return !inFlight.isEmpty() && inFlight.containsKey(callId); // no boxed id when none is kept, as is usual
  }

  /** How many calls are still answered: invokes whose handlers' stages have not ended, and streams served. */
  final int answering() {
    return inFlight.size();
  }

  /**
   * The stage a handler returned for {@code callId} has ended (or refused its callback): nothing more to track. Only
   * its own call leaves the table: one its caller cancelled may end after the caller used the id again.
   */
  final void stageEnded(long callId, CallEvent event) {
    inFlight.remove(callId, event);
  }

  /** A kept call has ended on its own (a stream's end): it leaves the table if it is still there. */
  final void ended(long callId, Answering call) {
    inFlight.remove(callId, call);
  }

  /**
   * Keeps a call that answers after its handler returned until it ends, so that a cancel reaches it; one kept after
   * the caller stopped waiting is cancelled at once, as {@link #cancelAll} cancels the others.
   */
  final void keep(long callId, Answering call) {
    inFlight.put(callId, call);
    if (!callerWaits()) { // the side closed while the handler ran: the sweep of its close may have missed it
      cancelAll();
    }
  }

  /**
   * The caller stopped waiting for a call: an invoke's handler event turns cancelled and its future is cancelled, a
   * stream's publisher is cancelled and its end sent. A call answered already, or never asked, is nothing to cancel.
   *
   * @return whether a call was still answered under that id
   */
  final boolean cancel(long callId) {
    Answering abandoned = inFlight.remove(callId);
    if (abandoned != null) {
      abandoned.cancel(true);
    }
    return abandoned != null;
  }

  /** The caller asks a stream this side serves for {@code n} more items; one that has ended meanwhile is dropped. */
  final void request(long callId, long n) {
    if (inFlight.get(callId) instanceof StreamProducer producer) {
      producer.request(n);
    }
  }

  /**
   * Cancels every call still answered: the caller's side is gone, so nobody waits for their answers. A call another
   * thread takes out first (it ended, or a cancel came) is that thread's to end.
   */
  final void cancelAll() {
    for (Long callId : inFlight.keySet()) {
      Answering abandoned = inFlight.remove(callId);
      if (abandoned != null) {
        abandoned.cancel(false);
      }
    }
  }

  /**
   * Answers with what the handler returned: a value at once, a {@code CompletionStage} when it completes.
   *
   * @param event the handler's event, which {@link #keep} keeps while a stage runs
   */
  final void result(long callId, String channel, Object result, CallEvent event) {
    if (result instanceof CompletionStage<?> stage) {
      try {
        stage.whenComplete((value, failure) -> {
          stageEnded(callId, event);
          if (failure != null) {
            failure(callId, channel, failure);
          } else {
            value(callId, channel, value);
          }
        });
      } catch (Throwable t) { // a stage of the user's own making may refuse the callback
        stageEnded(callId, event);
        failure(callId, channel, t);
      }
    } else {
      value(callId, channel, result);
    }
  }

  final void value(long callId, String channel, Object value) {
    byte[] payload;
    boolean asIs;
    try {
      ValueCodec receiver = receiverValues();
      if (receiver != null) {
        Object copy = copyFor(value, receiver);
        if (copy != NOT_COPIED) {
          deliver(channel, callId, true, null, copy, false);
          return;
        }
      }
      payload = AsIs.ofAnswer(value, framesAsSent(), values);
      asIs = payload == value; // the answer itself, not an encoding
    } catch (Throwable e) { // a value too deep for the stack fails its call, not the loop (or the stage's thread)
      failure(callId, channel, e);
      return;
    }
    deliver(channel, callId, true, payload, null, asIs);
  }

  /**
   * The caller's copy of {@code value}, or {@link #NOT_COPIED} if its codec cannot decode it: it is then sent
   * encoded, and the caller fails decoding it as a caller in another process would.
   */
  private Object copyFor(Object value, ValueCodec receiver) {
    try {
      return values.copyValue(value, receiver);
    } catch (ValueCodec.Undecodable e) {
      return NOT_COPIED;
    }
  }

  final void failure(long callId, String channel, Throwable failure) {
    Throwable cause = Failures.unwrap(failure);
    Failures.log(Level.DEBUG, "Error occurred in handler for '" + channel + "':", Failures.thrown(cause));
    error(callId, channel, Failures.typeOf(cause), Failures.messageOf(cause));
  }

  final void error(long callId, String channel, String type, String message) {
    deliver(channel, callId, false, Message.Reply.failurePayload(type, message, values), null, false);
  }

  /** Sends the answer {@code payload} (encoded, or {@code asIs}), or when that is null the caller's {@code copy}. */
  private void deliver(String channel, long callId, boolean ok, byte[] payload, Object copy, boolean asIs) {
    if (!callerWaits()) {
      return;
    }
    try {
      if (payload == null) {
        sendCopy(callId, copy);
      } else {
        send(reply(callId, ok, payload, asIs));
      }
    } catch (RuntimeException e) {
      if (ok && callerWaits()) { // refused, not gone (too large to frame, say): the caller learns why instead
        error(callId, channel, e.getClass().getName(), Failures.messageOf(e));
        return;
      }
      Failures.log(Level.DEBUG, "ipc4j: the answer on '" + channel + "' could not be sent", e); // nobody waits
    }
  }
}
