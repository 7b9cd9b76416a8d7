package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcException;
import io.ipc4j.IpcHost;
import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.codec.ValueCodec;
import io.ipc4j.internal.socket.SocketClient;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One renderer's context (Electron's word: IPC used after it is released fails), its side of IPC: its event loop
 * (where its listeners run), its frames and its pending calls. Messages from
 * the main process arrive through {@link #toRenderer} (it is the {@link RendererLink} of an in-process renderer,
 * and what a socket client hands the host's messages to); replies complete their calls directly, and the rest
 * (messages for listeners, calls for handlers) runs on the loop through its {@link RendererInbox}.
 *
 * <p>Its asynchronous calls are timed out, and its loop watched, by a {@link Scheduler}: the host's when the host
 * runs in this JVM (one thread for all its renderers), else one of its own, which it closes with itself (a
 * renderer JVM has one renderer side).
 */
final class RendererContext extends CallOwner implements Scheduler.Deadlines, RendererLink {
  /** What the blocked-loop warning advises for a renderer's loop. */
  static final String ADVICE = "Move slow work in a renderer listener or invoke callback to another thread; this "
      + "renderer's listeners and callbacks wait meanwhile.";

  private static final System.Logger LOG = Log.IPC4J;

  final Duration defaultTimeout;
  /** This renderer's codecs, its frames' alike; never the host's, even in the host's JVM. */
  final ValueCodec values = new ValueCodec(new CodecRegistry());
  /** How a caller blocked on a reply spins first, learned from this renderer's recent calls. */
  private final IdleStrategy callerIdle;
  private final EventLoop loop;
  private final EventLoop mainLoop;
  private final Scheduler watchdog;
  /** Whether the watchdog is this renderer's own, to close with it. */
  private final boolean ownWatchdog;
  private final PendingCalls<PendingCall> pending = new PendingCalls<>();
  private final Map<Integer, IpcRendererImpl> frames = new ConcurrentHashMap<>();
  private final IpcRendererImpl mainFrame;
  /** What the main process sends this renderer's frames: messages and calls, run on the loop. */
  private final RendererInbox inbox = new RendererInbox(this);
  /** The streams this renderer opened, and those of the main process it serves. */
  final StreamRendererSide streams = new StreamRendererSide(this);
  /** The MessagePorts this renderer holds. */
  final RendererPorts ports = new RendererPorts(this);
  private final AtomicLong nextCallId = new AtomicLong();
  private volatile MainLink link;
  /** How this renderer's transport opens a frame (asks the host for its id, then adds it here). */
  private volatile java.util.function.Supplier<IpcRendererImpl> frameOpener;
  private volatile String closedReason;

  /**
   * @param mainLoop the main process's loop when it runs in this JVM (blocking on it would deadlock), else null
   */
  RendererContext(String name, Duration defaultTimeout, long spinNanos, EventLoop mainLoop) {
    this.defaultTimeout = defaultTimeout;
    this.callerIdle = new IdleStrategy(spinNanos);
    this.mainLoop = mainLoop;
    Scheduler shared = mainLoop == null ? null : mainLoop.scheduler();
    this.ownWatchdog = shared == null;
    this.watchdog = ownWatchdog ? new Scheduler(name + "-watchdog", IpcHost.DEFAULT_BLOCKED_LOOP_WARNING) : shared;
    this.loop = EventLoop.start(name, spinNanos, false, watchdog, ADVICE);
    watchdog.watch(this);
    this.mainFrame = addFrame(Message.MAIN_FRAME_ID);
  }

  /**
   * The side of a renderer that talks to its host over a socket: made with the terms the host's WELCOME gave, its
   * frames opened by asking the host, and reading from the socket once it is wired.
   *
   * @param mainLoop the host's loop when the host is in this JVM (blocking on it is refused), else null
   * @param onHostLost runs when the connection ends (after every pending call has failed), or null
   */
  static RendererContext overSocket(SocketClient client, EventLoop mainLoop, Runnable onHostLost) {
    RendererContext side = new RendererContext("ipc4j-renderer-" + client.rendererId(), client.defaultTimeout(),
        client.spinNanos(), mainLoop);
    side.frameOpener(side::requestFrame);
    side.ports.rendererId(client.rendererId());
    side.connect(client);
    client.start(side, onHostLost);
    return side;
  }

  /** The loop where this renderer's listeners and callbacks run. */
  EventLoop loop() {
    return loop;
  }

  /** The main frame's {@code IpcRenderer}. */
  IpcRendererImpl mainFrame() {
    return mainFrame;
  }

  @Override
  ValueCodec values() {
    return values;
  }

  @Override
  IdleStrategy callerIdle() {
    return callerIdle;
  }

  void connect(MainLink link) {
    this.link = link;
  }

  void frameOpener(java.util.function.Supplier<IpcRendererImpl> opener) {
    this.frameOpener = opener;
  }

  /** Opens a child frame through the transport. */
  IpcRendererImpl openFrame() {
    ensureOpen();
    java.util.function.Supplier<IpcRendererImpl> opener = frameOpener;
    if (opener == null) {
      throw new IpcDisconnectedException("This renderer is not connected to a host");
    }
    return opener.get();
  }

  /** Asks the host for a new frame of this renderer with an {@link Message.OpenFrame} call, and adds it. */
  private IpcRendererImpl requestFrame() {
    ensureOpen();
    PendingCall call = newCall("(open frame)", defaultTimeout);
    try {
      toMain(new Message.OpenFrame(call.id));
    } catch (RuntimeException e) {
      call.end(e);
    }
    Object id = call.await();
    if (!(id instanceof Integer frameId)) {
      throw new IpcException("The host answered a frame request with " + id);
    }
    return addFrame(frameId);
  }

  /** The frame a message from the main process is for, or null if this renderer has none by that id. */
  IpcRendererImpl frame(int frameId) {
    return frames.get(frameId);
  }

  IpcRendererImpl addFrame(int frameId) {
    IpcRendererImpl frame = new IpcRendererImpl(this, frameId);
    frames.put(frameId, frame);
    return frame;
  }

  /** Throws the error Electron gives for IPC used after its context is gone. */
  void ensureOpen() {
    if (closedReason != null) {
      throw new IpcDisconnectedException("IPC method called after context was released");
    }
  }

  boolean isOpen() {
    return closedReason == null;
  }

  void checkNotMainLoop(String channel) {
    if (mainLoop != null && mainLoop.inLoop()) {
      throw new IpcException("A blocking call on '" + channel + "' was made on the main event loop, which must "
          + "answer it: it would wait for itself. Use invoke(...) with a callback instead of blocking there.");
    }
  }

  /** The main process's codec when it runs in this JVM (see {@link MainLink#mainValues()}), else null. */
  ValueCodec mainValues() {
    MainLink l = link;
    return l == null ? null : l.mainValues();
  }

  /** Whether the way to the main process frames each message as it is sent (see {@link MainLink#framesAsSent}). */
  boolean mainFramesAsSent() {
    MainLink l = link;
    return l != null && l.framesAsSent();
  }

  void toMain(Message message) {
    MainLink l = link;
    if (l == null) {
      throw new IpcDisconnectedException("This renderer is not connected to a host");
    }
    l.toMain(message);
  }

  /** A fresh id for a call or a stream: they share one space, so that a {@link Message.Cancel} names one of them. */
  long newCallId() {
    return nextCallId.incrementAndGet();
  }

  /** Runs a callback on the loop: right here when this is the loop (or it has stopped), else queued; once. */
  java.util.concurrent.Executor callbacks() {
    return loop.callbacks();
  }

  PendingCall newCall(String channel, Duration timeout) {
    PendingCall call = new PendingCall(this, newCallId(), channel, timeout);
    pending.add(call);
    watchdog.callStarted();
    String reason = closedReason;
    if (reason != null) {
      call.disconnect(reason);
    }
    return call;
  }

  @Override
  void abandoned(long callId) {
    try {
      toMain(new Message.Cancel(callId));
    } catch (RuntimeException e) { // the host is gone: no handler is left to stop
      LOG.log(Level.DEBUG, "ipc4j: the cancel of call {0} could not be sent", String.valueOf(callId));
    }
  }

  void forget(PendingCall call) {
    if (pending.remove(call)) {
      watchdog.callEnded();
    }
  }

  @Override
  EventLoop loopHere() {
    return loop.inLoop() ? loop : null;
  }

  /** Runs on the loop, or right here if the loop has stopped (so a future is always completed). */
  void runOnLoop(Runnable task) {
    if (loop.isRunning()) {
      loop.execute(task);
      if (loop.isRunning()) {
        return;
      }
    }
    task.run();
  }

  @Override
  public void expire(long nowNanos) {
    pending.forEach(call -> {
      if (nowNanos - call.deadlineNanos >= 0) {
        try {
          call.timeOut();
        } catch (Throwable t) {
          // One call that cannot be failed (out of memory, say) must not keep the others from their deadlines.
          Failures.log(Level.ERROR, "ipc4j: timing out the call on '" + call.channel + "' failed", t);
        }
      }
    });
  }

  @Override
  public ValueCodec rendererValues() {
    return values;
  }

  /** The answer to a call, copied for this side on the main loop: straight to the call, with no message. */
  @Override
  public void replyCopy(long callId, Object copy) {
    answer(callId, copy);
  }

  /** Ends a pending call with its answer (see {@link PendingCall#end}); one no longer pending is dropped. */
  private void answer(long callId, Object answer) {
    PendingCall call = pending.get(callId);
    if (call != null) {
      call.end(answer);
    }
  }

  /** A message from the main process; any thread. */
  @Override
  public void toRenderer(Message message) {
    if (message instanceof Message.Reply reply) {
      answer(reply.callId(), reply);
    } else if (RendererInbox.takes(message)) {
      loop.execute(inbox.delivery(message));
    } else if (message instanceof Message.StreamItem || message instanceof Message.StreamEnd) {
      if (closedReason != null) {
        return; // what was in flight when this side closed: its streams have failed already
      }
      String broken = message instanceof Message.StreamItem item ? streams.item(item)
          : streams.end((Message.StreamEnd) message);
      if (broken != null) { // as a malformed frame: the connection to a host that breaks the protocol ends
        LOG.log(Level.WARNING, "ipc4j renderer: the host broke the protocol: {0}", broken);
        close("The ipc4j host broke the protocol: " + broken);
      }
    } else if (message instanceof Message.PortDeliver || message instanceof Message.PortClosed
        || message instanceof Message.PostToRenderer) {
      portMessage(message);
    } else {
      LOG.log(Level.WARNING, "ipc4j renderer dropped an unexpected message: {0}", message.getClass().getSimpleName());
    }
  }

  /** A port message from the host, taken where it arrives (see {@link RendererPorts}). */
  private void portMessage(Message message) {
    if (message instanceof Message.PortDeliver m) {
      ports.deliver(m);
    } else if (message instanceof Message.PortClosed m) {
      ports.peerClosed(m.portId());
    } else if (message instanceof Message.PostToRenderer m) {
      java.util.List<io.ipc4j.MessagePort> received = ports.arrived(m.transfer());
      loop.execute(inbox.delivery(new Message.Push(m.frameId(), m.channel(), m.payload()), received));
    }
  }

  /**
   * Fails every pending call, cancels the main process's calls still being handled, stops the loop (after what is
   * queued) and lets go of its link. Idempotent.
   */
  @Override
  public void close(String reason) {
    if (closedReason != null) {
      return;
    }
    closedReason = reason;
    pending.forEach(call -> call.disconnect(reason));
    inbox.cancelAll();
    streams.close(reason); // before the loop stops: the failures are queued on it
    ports.contextClosed();
    watchdog.unwatch(this);
    loop.shutdown();
    if (ownWatchdog) {
      watchdog.close();
    }
    MainLink l = link;
    if (l != null) {
      l.close(reason);
    }
  }
}
