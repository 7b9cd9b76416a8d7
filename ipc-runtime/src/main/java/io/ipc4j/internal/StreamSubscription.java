package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcException;
import io.ipc4j.internal.codec.ValueCodec;
import io.ipc4j.internal.jfr.Outcomes;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The caller's side of one stream, on either side: the {@link Flow.Subscription} its subscriber gets, the demand the
 * subscriber has asked for, and the signals it is owed. Signals reach the subscriber one at a time on the caller's
 * loop, in the order they arrived (onSubscribe first); nothing reaches it after it cancelled or after one terminal
 * signal.
 *
 * <p>The producer is asked for the subscriber's demand a window at a time ({@link DemandWindow}), and that is counted
 * here as the producer counts its credit: every request sent adds, every arriving item takes one. An item that finds
 * no demand was sent beyond what was asked: the peer broke the protocol ({@link #item} says so, its caller acts). The
 * call stays known until the producer's end arrives, a cancelled one too (the producer answers a cancel with its
 * end), so that an item for an id nobody knows is always a broken protocol, never a late item.
 */
abstract class StreamSubscription implements Flow.Subscription {
  final long id;
  final String channel;
  /** Null once it cancelled or had its terminal signal: it is not kept past its stream (rule 3.13). */
  private volatile Flow.Subscriber<? super Object> subscriber;
  private final ValueCodec values;
  private final Executor loop;
  /** Items asked of the producer and not yet arrived. */
  private final AtomicLong demand = new AtomicLong();
  private final DemandWindow window = new DemandWindow(); // how much of its subscriber's demand is asked for
  /** Whether the producer need not be told anything more: it was cancelled, or it has ended. */
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ConcurrentLinkedQueue<Runnable> signals = new ConcurrentLinkedQueue<>();
  /** Signals queued and not yet run; the one that raises it from 0 schedules the drain. */
  private final AtomicInteger queued = new AtomicInteger();
  /** The subscriber cancelled: nothing more reaches it. */
  private volatile boolean cancelled;
  /** Why this side stopped the stream itself (bad request, undecodable item), or null. */
  private volatile Throwable localFailure;
  /** The end is known (the producer's end, or the peer is gone): later items are not delivered. */
  private volatile boolean ended;
  /** The subscriber has had its terminal signal (or cancelled); the loop's only. */
  private boolean done;
  /** Items that arrived and their payload bytes, for the Flight Recorder event; the receiving thread's only. */
  long items;
  long bytes;

  StreamSubscription(long id, String channel, Flow.Subscriber<? super Object> subscriber, ValueCodec values,
      Executor loop) {
    this.id = id;
    this.channel = channel;
    this.subscriber = subscriber;
    this.values = values;
    this.loop = loop;
    // onSubscribe comes first, and nothing is delivered before release(): the subscriber may request at once, and
    // its request must not reach the producer before the opening message does.
    signals.offer(this::deliverSubscribe);
    queued.set(1);
  }

  /** Asks the producer for {@code n} more items; may throw if the peer is gone (its end fails the stream then). */
  abstract void sendRequest(long n);

  /** Tells the producer to stop; may throw if the peer is gone. */
  abstract void sendCancel();

  /**
   * The stream has ended, once: for the Flight Recorder event.
   *
   * @param outcome how (see {@link Outcomes})
   * @param failureType the class name of what failed it, or null
   */
  void ended(String outcome, String failureType) {}

  /**
   * Lets the signals flow, onSubscribe first: called once, after the opening message was sent (or the stream failed
   * before it could be).
   */
  final void release() {
    loop.execute(this::drain);
  }

  @Override
  public final void request(long n) {
    if (n <= 0) {
      fail(new IllegalArgumentException("Reactive Streams rule 3.9: request(" + n + ") on the stream on '" + channel
          + "' must be positive"), true);
      return;
    }
    if (cancelled || stopped.get()) {
      return;
    }
    ask(window.requested(n));
  }

  /** Asks the producer for {@code n} more items (none when 0), as the window allows (see {@link DemandWindow}). */
  private void ask(long n) {
    if (n == 0 || cancelled || stopped.get()) {
      return;
    }
    demand.addAndGet(n); // before it is sent: the items may come at once
    try {
      sendRequest(n);
    } catch (RuntimeException e) { // the peer is gone: its disconnect ends the stream
      Failures.log(Level.DEBUG, "ipc4j: a request on the stream on '" + channel + "' could not be sent", e);
    }
  }

  @Override
  public final void cancel() {
    cancelled = true;
    subscriber = null;
    stopProducer();
  }

  /** Ends the stream on this side: the producer is told to stop (if {@code tellProducer}), the subscriber fails. */
  final void fail(Throwable failure, boolean tellProducer) {
    if (localFailure == null) {
      localFailure = failure;
    }
    if (tellProducer) {
      stopProducer();
    } else {
      stopped.set(true);
    }
    signal(() -> deliverError(failure));
  }

  /**
   * One item arrived; the receiving thread.
   *
   * @return false if it came beyond the demand: the peer broke the protocol
   */
  final boolean item(byte[] payload) {
    if (demand.getAndUpdate(d -> d == 0 ? 0 : d - 1) == 0) { // at most a window: it never becomes unbounded
      return false;
    }
    items++;
    bytes += payload.length;
    if (!cancelled && !ended && localFailure == null) {
      signal(() -> deliverItem(payload));
    }
    return true;
  }

  /** The producer's end arrived (the caller has forgotten the call): the last message of the stream. */
  final void end(boolean ok, byte[] payload) {
    ended = true;
    stopped.set(true);
    if (cancelled || localFailure != null) {
      ended(localFailure != null ? Outcomes.ERROR : Outcomes.CANCELLED, Outcomes.typeOf(localFailure));
      return; // the producer's answer to the cancel: the subscriber is owed nothing
    }
    Throwable failure = ok ? null : RemoteFailure.of(channel, payload, values);
    ended(Outcomes.of(failure), Outcomes.typeOf(failure));
    signal(() -> {
      if (failure == null) {
        deliverComplete();
      } else {
        deliverError(failure);
      }
    });
  }

  /** The peer is gone, or this side closed: the stream fails with {@link IpcDisconnectedException}. */
  final void disconnect(String reason) {
    ended = true;
    stopped.set(true);
    ended(Outcomes.DISCONNECTED, IpcDisconnectedException.class.getName());
    IpcDisconnectedException failure = new IpcDisconnectedException(reason + "; the stream on '" + channel
        + "' cannot go on");
    signal(() -> deliverError(failure));
  }

  private void stopProducer() {
    if (stopped.compareAndSet(false, true)) {
      try {
        sendCancel();
      } catch (RuntimeException e) { // the peer is gone: its producer was cancelled with it
        Failures.log(Level.DEBUG, "ipc4j: the cancel of the stream on '" + channel + "' could not be sent", e);
      }
    }
  }

  /** Queues a signal; the first one queued while none waits schedules the drain on the loop. */
  private void signal(Runnable signal) {
    signals.offer(signal);
    if (queued.getAndIncrement() == 0) {
      loop.execute(this::drain);
    }
  }

  /** Runs the queued signals in order; only one drain runs at a time (the count guards it). */
  private void drain() {
    int missed = 1;
    do {
      for (Runnable signal = signals.poll(); signal != null; signal = signals.poll()) {
        signal.run();
      }
      missed = queued.addAndGet(-missed);
    } while (missed != 0);
  }

  private void deliverSubscribe() {
    Flow.Subscriber<? super Object> s = subscriber;
    if (s == null) {
      return;
    }
    try {
      s.onSubscribe(this);
    } catch (Throwable t) {
      subscriberFailed("onSubscribe", t);
    }
  }

  private void deliverItem(byte[] payload) {
    Flow.Subscriber<? super Object> s = subscriber;
    if (done || s == null) {
      return;
    }
    Object value;
    try {
      value = values.decodeValue(payload);
    } catch (Throwable t) { // an Error too: it ends this stream, not the loop
      done = true;
      IpcException failure = new IpcException("An item of the stream on '" + channel + "' could not be decoded: "
          + Failures.messageOf(t), t);
      localFailure = failure;
      stopProducer();
      onError(failure);
      return;
    }
    try {
      s.onNext(value);
    } catch (Throwable t) {
      subscriberFailed("onNext", t);
      return;
    }
    ask(window.delivered());
  }

  private void deliverComplete() {
    Flow.Subscriber<? super Object> s = subscriber;
    if (done || s == null) {
      return;
    }
    done = true;
    subscriber = null;
    try {
      s.onComplete();
    } catch (Throwable t) {
      Failures.log(Level.WARNING, "ipc4j: the subscriber of the stream on '" + channel + "' failed in onComplete", t);
    }
  }

  private void deliverError(Throwable failure) {
    if (done) {
      return;
    }
    done = true;
    onError(failure);
  }

  private void onError(Throwable failure) {
    Flow.Subscriber<? super Object> s = subscriber;
    subscriber = null;
    if (s == null) {
      return; // it cancelled
    }
    try {
      s.onError(failure);
    } catch (Throwable t) {
      Failures.log(Level.WARNING, "ipc4j: the subscriber of the stream on '" + channel + "' failed in onError", t);
    }
  }

  /** Reactive Streams rule 2.13: a subscriber that throws is treated as cancelled. */
  private void subscriberFailed(String method, Throwable t) {
    Failures.log(Level.WARNING, "ipc4j: the subscriber of the stream on '" + channel + "' threw from " + method
        + "; the stream is cancelled", t);
    done = true;
    cancel();
  }

  @Override
  public String toString() {
    return "stream " + id + " on '" + channel + "'";
  }

  /**
   * {@code webContents.stream}, {@code frame.stream} or {@code ipcRenderer.stream}: a cold publisher whose channel and
   * arguments are checked now; each {@code subscribe} opens one stream with {@code open}.
   */
  static Flow.Publisher<Object> publisher(String channel, Object[] args,
      Consumer<Flow.Subscriber<? super Object>> open) {
    Args.channel(channel);
    Objects.requireNonNull(args, "args");
    return subscriber -> open.accept(Objects.requireNonNull(subscriber, "subscriber"));
  }

  /** The side of {@code open} is gone: each of its streams is taken out and fails as disconnected, once. */
  static void disconnectAll(java.util.Map<Long, ? extends StreamSubscription> open, String reason) {
    for (Long callId : open.keySet()) {
      StreamSubscription call = open.remove(callId);
      if (call != null) {
        call.disconnect(reason);
      }
    }
  }

  /**
   * An item that arrived for stream {@code callId}, one of {@code open}.
   *
   * @return null, or how the peer broke the protocol
   */
  static String item(java.util.Map<Long, ? extends StreamSubscription> open, long callId, byte[] payload) {
    StreamSubscription call = open.get(callId);
    if (call == null) {
      return "it sent an item of stream " + callId + ", which is not open";
    }
    return call.item(payload) ? null : "it sent more items on '" + call.channel + "' than were requested";
  }

  /**
   * The end that arrived for stream {@code callId}, one of {@code open}, which it leaves.
   *
   * @return null, or how the peer broke the protocol
   */
  static String end(java.util.Map<Long, ? extends StreamSubscription> open, long callId, boolean ok, byte[] payload) {
    StreamSubscription call = open.remove(callId);
    if (call == null) {
      return "it ended stream " + callId + ", which is not open";
    }
    call.end(ok, payload);
    return null;
  }
}
