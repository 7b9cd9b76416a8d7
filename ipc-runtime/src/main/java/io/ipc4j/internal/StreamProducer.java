package io.ipc4j.internal;

import io.ipc4j.internal.codec.ValueCodec;
import io.ipc4j.internal.jfr.Outcomes;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The producing side of one stream, on either side: it subscribes to the publisher a handler returned and forwards
 * its items to the caller, never more than the caller's requests allow (its credit), then one end. The caller's
 * cancel, or its side going, cancels the publisher's subscription. A handler that returned a plain value (or a stage
 * of one) streams that one item.
 *
 * <p>Items and the end are sent under this object's lock, after checking that the stream has not ended: so no item
 * ever follows the end on the wire, whichever threads the publisher and the caller's cancel use.
 */
abstract class StreamProducer implements Flow.Subscriber<Object>, Replies.Answering {
  static final byte[] NO_PAYLOAD = new byte[0];

  final long id;
  final String channel;
  private final ValueCodec values;
  /** The handler's event: a cancel marks it cancelled (and cancels a stage it returned). */
  private final CallEvent event;
  /** Items the caller has asked for and not yet been sent; {@code Long.MAX_VALUE} once unbounded. */
  private long credit;
  /** What the caller asked for before the publisher gave its subscription. */
  private long unrequested;
  private Flow.Subscription upstream;
  /** What {@link #finish()} gives when the stream had finished already. */
  private static final Flow.Subscription FINISHED = new Flow.Subscription() {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  };
  private boolean finished;
  /** Items sent and their payload bytes, for the Flight Recorder event. */
  long items;
  long bytes;

  StreamProducer(long id, String channel, ValueCodec values, CallEvent event) {
    this.id = id;
    this.channel = channel;
    this.values = values;
    this.event = event;
  }

  /** Sends one item to the caller; may throw if it is gone. */
  abstract void sendItem(byte[] payload);

  /** Sends the end to the caller; may throw if it is gone. */
  abstract void sendEnd(boolean ok, byte[] payload);

  /**
   * The stream has ended, once: forget it, and record how.
   *
   * @param outcome how (see {@link Outcomes})
   * @param failure what failed it, or null
   */
  abstract void ended(String outcome, Throwable failure);

  /** The text of a call with {@code invoke} to a handler that streams. */
  static String notInvokable(String channel) {
    return "The handler for '" + channel + "' returned a Flow.Publisher: call it with stream(...), not invoke(...)";
  }

  /** Starts streaming what the handler returned: a publisher's items, a stage's outcome, or one value. */
  final void start(Object result) {
    if (result instanceof Flow.Publisher<?> publisher) {
      try {
        publisher.subscribe(this);
      } catch (Throwable t) {
        fail(t, Outcomes.ERROR);
      }
    } else if (result instanceof CompletionStage<?> stage) {
      event.working(stage);
      try {
        stage.whenComplete((value, failure) -> {
          if (failure != null) {
            fail(failure, Outcomes.ERROR);
          } else {
            start(value);
          }
        });
      } catch (Throwable t) { // a stage of the user's own making may refuse the callback
        fail(t, Outcomes.ERROR);
      }
    } else {
      start(new StreamOfOne(result));
    }
  }

  /** The caller asks for {@code n} (positive) more items. */
  final void request(long n) {
    Flow.Subscription subscription;
    synchronized (this) {
      if (finished) {
        return;
      }
      credit = DemandWindow.addCapped(credit, n);
      subscription = upstream;
      if (subscription == null) {
        unrequested = DemandWindow.addCapped(unrequested, n);
        return;
      }
    }
    try {
      subscription.request(n);
    } catch (Throwable t) {
      fail(t, Outcomes.ERROR);
    }
  }

  /**
   * The caller cancelled ({@code answer}: it waits for the end), or its side is gone: the publisher's subscription
   * is cancelled and the handler's event marked.
   */
  @Override
  public final void cancel(boolean answer) {
    Flow.Subscription subscription = finish();
    if (subscription == FINISHED) {
      return;
    }
    ended(answer ? Outcomes.CANCELLED : Outcomes.DISCONNECTED, null); // recorded before anyone hears of it
    event.cancel();
    cancelQuietly(subscription);
    if (answer) {
      trySendEnd(true, NO_PAYLOAD);
    }
  }

  /** Ends the stream with a failure of this side (no handler, a rejection, a publisher that broke its rules). */
  final void fail(Throwable failure, String outcome) {
    Flow.Subscription subscription = finish();
    if (subscription == FINISHED) {
      return;
    }
    cancelQuietly(subscription);
    failed(Failures.unwrap(failure), outcome);
  }

  @Override
  public final void onSubscribe(Flow.Subscription subscription) {
    long asked;
    boolean refused;
    synchronized (this) {
      refused = upstream != null || finished; // rule 2.5: a second subscription is cancelled
      asked = unrequested;
      if (!refused) {
        upstream = subscription;
        unrequested = 0;
      }
    }
    if (refused) {
      cancelQuietly(subscription);
    } else if (asked > 0) {
      try {
        subscription.request(asked);
      } catch (Throwable t) {
        fail(t, Outcomes.ERROR);
      }
    }
  }

  @Override
  public final void onNext(Object item) {
    byte[] payload;
    try {
      payload = values.encodeValue(item);
    } catch (Throwable t) { // an item with no codec fails the stream and stops the publisher
      fail(t, Outcomes.ERROR);
      return;
    }
    Flow.Subscription violated;
    RuntimeException refused = null;
    synchronized (this) {
      if (finished) {
        return;
      }
      if (credit == 0) {
        finished = true; // the publisher broke rule 1.1: nothing beyond the request is ever sent
        violated = upstream;
      } else {
        if (credit != Long.MAX_VALUE) {
          credit--;
        }
        items++;
        bytes += payload.length;
        try {
          sendItem(payload);
          return;
        } catch (io.ipc4j.IpcDisconnectedException e) { // the caller is gone: its side's end cancels this stream
          Failures.log(Level.DEBUG, "ipc4j: an item of the stream on '" + channel + "' could not be sent", e);
          return;
        } catch (RuntimeException e) {
          refused = e;
          violated = null;
        }
      }
    }
    if (refused != null) { // refused (too large to frame, say): the stream fails, and never goes on without the item
      fail(refused, Outcomes.ERROR);
      return;
    }
    cancelQuietly(violated);
    failed(new IllegalStateException("The publisher on '" + channel + "' emitted more items than were requested"),
        Outcomes.ERROR);
  }

  @Override
  public final void onError(Throwable failure) {
    if (finish() != FINISHED) {
      failed(Failures.unwrap(failure), Outcomes.ERROR);
    }
  }

  @Override
  public final void onComplete() {
    if (finish() != FINISHED) {
      ended(Outcomes.OK, null); // before the end goes: a caller that has it knows the stream was recorded
      trySendEnd(true, NO_PAYLOAD);
    }
  }

  /** Marks the stream finished, once: the publisher's subscription then (null if none yet), or {@link #FINISHED}. */
  private synchronized Flow.Subscription finish() {
    if (finished) {
      return FINISHED;
    }
    finished = true;
    return upstream;
  }

  private void failed(Throwable cause, String outcome) {
    Failures.log(Level.DEBUG, "Error occurred in the stream on '" + channel + "':", cause);
    ended(outcome, cause);
    trySendEnd(false, Message.Reply.failurePayload(cause.getClass().getName(), Failures.messageOf(cause), values));
  }

  private void trySendEnd(boolean ok, byte[] payload) {
    try {
      sendEnd(ok, payload);
    } catch (RuntimeException e) { // the caller is gone: nobody waits for this end
      Failures.log(Level.DEBUG, "ipc4j: the end of the stream on '" + channel + "' could not be sent", e);
    }
  }

  private void cancelQuietly(Flow.Subscription subscription) {
    if (subscription == null) {
      return;
    }
    try {
      subscription.cancel();
    } catch (Throwable t) { // rule 3.15 says it must not throw; one that does is logged, the stream goes on ending
      Failures.log(Level.WARNING, "ipc4j: cancelling the publisher on '" + channel + "' failed", t);
    }
  }

  @Override
  public String toString() {
    return "stream " + id + " on '" + channel + "'";
  }
}
