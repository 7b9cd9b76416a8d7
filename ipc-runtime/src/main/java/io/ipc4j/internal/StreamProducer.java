package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcException;
import io.ipc4j.internal.codec.ValueCodec;
import io.ipc4j.internal.jfr.Outcomes;
import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * The producing side of one stream, on either side: it subscribes to the publisher a handler returned and forwards
 * its items to the caller, never more than the caller's requests allow (its credit), then one end. The caller's
 * cancel, or its side going, cancels the publisher's subscription. A handler that returned a plain value (or a stage
 * of one) streams that one item.
 *
 * <p>The publisher is asked for the caller's credit a window at a time ({@link DemandWindow}), however much the caller
 * asked for: a caller that asks for {@code Long.MAX_VALUE} (a peer that does not run this library's consumer, say)
 * gets a window, and more is asked for only as items go out, from a task queued on this side's loop rather than from
 * inside {@code onNext}. So a publisher that emits synchronously in {@code request} (a list, a range, a generator)
 * emits at most a window per turn of the loop, and the loop's other work runs between.
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
  /** How much of the caller's credit the publisher is asked for; the caller's credit itself. */
  private final DemandWindow window = new DemandWindow();
  /** Where the publisher is asked for more as items go out: this side's loop, always as a queued task. */
  private final Executor loop;
  /** Items the publisher was asked for and has not emitted: one beyond them breaks Reactive Streams rule 1.1. */
  private long asked;
  /** What the window allowed asking for before the publisher gave its subscription. */
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
  /** What {@link #forward} returns for an item the publisher was not asked for. */
  private static final long BEYOND_REQUEST = -1;
  /** Items sent and their payload bytes, for the Flight Recorder event. */
  long items;
  long bytes;

  /**
   * @param loop this side's loop, whose {@code execute} queues a task (never runs it in place): where the publisher
   *     is asked for more
   */
  StreamProducer(long id, String channel, ValueCodec values, CallEvent event, Executor loop) {
    this.id = id;
    this.channel = channel;
    this.values = values;
    this.event = event;
    this.loop = loop;
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

  /**
   * Runs the handler found for the stream, or fails the stream if none was ({@code handling} null), as an invoke
   * fails; what it returns is streamed, what it throws fails the stream.
   */
  final void serveWith(String channel, Callable<?> handling) {
    if (handling == null) {
      fail(new IpcException(Emitter.noHandler(channel)), Outcomes.ERROR);
      return;
    }
    Object result;
    try {
      result = handling.call();
    } catch (Throwable t) {
      fail(t, Outcomes.ERROR);
      return;
    }
    start(result);
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

  /** The caller asks for {@code n} (positive) more items: the publisher is asked for what the window allows now. */
  final void request(long n) {
    long more;
    synchronized (this) {
      if (finished) {
        return;
      }
      more = window.requested(n);
      if (upstream == null) {
        unrequested += more; // at most a window
        return;
      }
    }
    ask(more);
  }

  /**
   * Asks the publisher for {@code n} more items (none when 0, or once the stream has ended). They are counted before
   * they are asked for, since the publisher may emit them at once.
   */
  private void ask(long n) {
    Flow.Subscription subscription;
    synchronized (this) {
      if (n == 0 || finished) {
        return;
      }
      asked += n; // at most a window
      subscription = upstream;
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
    long first;
    boolean refused;
    synchronized (this) {
      refused = upstream != null || finished; // rule 2.5: a second subscription is cancelled
      first = unrequested;
      if (!refused) {
        upstream = subscription;
        unrequested = 0;
      }
    }
    if (refused) {
      cancelQuietly(subscription);
    } else {
      ask(first);
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
    long more;
    try {
      more = forward(payload);
    } catch (RuntimeException e) { // refused (too large to frame, say): the stream fails, never going on without it
      fail(e, Outcomes.ERROR);
      return;
    }
    if (more == BEYOND_REQUEST) { // the publisher broke rule 1.1: nothing beyond the request is ever sent
      fail(new IllegalStateException("The publisher on '" + channel + "' emitted more items than were requested"),
          Outcomes.ERROR);
    } else if (more > 0) {
      loop.execute(() -> ask(more)); // not from here: a publisher emitting inside request would never return
    }
  }

  /**
   * Sends an item the publisher was asked for, unless the stream has ended.
   *
   * @return how many more items to ask the publisher for now (0 for none), or {@link #BEYOND_REQUEST} for an item
   *     it was not asked for, which is not sent
   * @throws RuntimeException if the item was refused (too large to frame, say)
   */
  private synchronized long forward(byte[] payload) {
    if (finished) {
      return 0;
    }
    if (asked == 0) {
      return BEYOND_REQUEST;
    }
    asked--;
    items++;
    bytes += payload.length;
    try {
      sendItem(payload);
    } catch (IpcDisconnectedException e) { // the caller is gone: nothing more is asked for it
      Failures.log(Level.DEBUG, "ipc4j: an item of the stream on '" + channel + "' could not be sent", e);
      return 0;
    }
    return window.delivered();
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
    Failures.log(Level.DEBUG, "Error occurred in the stream on '" + channel + "':", Failures.thrown(cause));
    ended(outcome, cause);
    trySendEnd(false, Message.Reply.failurePayload(Failures.typeOf(cause), Failures.messageOf(cause), values));
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
