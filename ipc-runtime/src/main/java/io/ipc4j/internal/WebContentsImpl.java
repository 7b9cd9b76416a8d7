package io.ipc4j.internal;

import io.ipc4j.IpcMain;
import io.ipc4j.IpcRegistration;
import io.ipc4j.RenderProcessGoneDetails;
import io.ipc4j.WebContents;
import io.ipc4j.WebFrameMain;
import io.ipc4j.internal.codec.CodecOwner;
import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.codec.ValueCodec;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The main process's handle on one renderer; also what its transport hands the renderer's messages to. */
final class WebContentsImpl implements WebContents, ConnectedRenderer, CodecOwner {
  private static final System.Logger LOG = Log.IPC4J;
  /** The most frames one renderer may have, its main frame included. */
  static final int MAX_FRAMES = 1 << 16;

  final int id;
  final int processId;
  final RendererLink link;
  final IpcMainImpl ipc;
  /** The calls the main process waits on this renderer to answer. */
  final RendererCalls calls;
  /** The streams between the main process and this renderer, both ways. */
  final StreamMainSide streams;
  /**
   * This renderer's messages handed to the main loop in process and not yet handled there. While there are none, an
   * answer to the main process's call may be taken on the renderer's thread without overtaking anything it sent.
   */
  final AtomicInteger queuedOnLoop = new AtomicInteger();
  /** The scopes a message from a frame without its own goes through; made and read by the main loop only. */
  private IpcMainImpl[] scopeOrder;
  /** How this renderer's invokes are answered: a {@link Message.Reply} through its link. */
  final Replies replies;
  /** Its observed sendSyncs not answered yet, which end as disconnected when it goes. */
  final UnansweredSyncs unansweredSyncs = new UnansweredSyncs();
  private final IpcHostImpl host;
  /** Refused calls, logged at most once a second; the main loop only. */
  private final Throttled refusals = new Throttled();
  /**
   * How many ends of the pairs this renderer made the host keeps, wherever they are held now (see
   * {@link PortTable#MAX_PORTS_PER_RENDERER}); guarded by {@link PortTable#LOCK}.
   */
  int portsKept;
  /**
   * How many port frames other than PORT_RETURN it has sent (POST_MESSAGE included): the messages of a port's queue
   * follow the frame that gives the port up before the next one ({@link FormerHolder}); guarded by
   * {@link PortTable#LOCK}.
   */
  long portFrames;
  /** The bytes of its port messages that wait in main-side ports not started, bounded by the host. */
  final QueuedPortBytes queuedPortBytes;
  private final long osPid;
  private final Map<Integer, WebFrameMainImpl> frames = new ConcurrentHashMap<>();
  private final WebFrameMainImpl mainFrame;
  private final AtomicInteger nextFrameId = new AtomicInteger(Message.MAIN_FRAME_ID);
  private final AtomicBoolean destroyed = new AtomicBoolean();
  private final List<Runnable> destroyedCallbacks = new CopyOnWriteArrayList<>();
  private final List<Consumer<RenderProcessGoneDetails>> goneListeners = new CopyOnWriteArrayList<>();

  WebContentsImpl(IpcHostImpl host, int id, int processId, long osPid, RendererLink link) {
    this.host = host;
    this.ipc = new IpcMainImpl(host.values.registry());
    this.replies = new Replies(host.values) {
      @Override
      Message reply(long callId, boolean ok, byte[] payload, boolean asIs) {
        return new Message.Reply(callId, ok, payload, asIs);
      }

      @Override
      boolean framesAsSent() {
        return WebContentsImpl.this.link.framesAsSent();
      }

      @Override
      void send(Message reply) {
        WebContentsImpl.this.link.toRenderer(reply);
      }

      @Override
      ValueCodec receiverValues() {
        return WebContentsImpl.this.link.rendererValues();
      }

      @Override
      void sendCopy(long callId, Object copy) {
        WebContentsImpl.this.link.replyCopy(callId, copy); // in process: no encoding, no Reply message
      }

      @Override
      boolean callerWaits() {
        return !isDestroyed();
      }
    };
    this.calls = new RendererCalls(this, host.mainLoop());
    this.streams = new StreamMainSide(this, host.mainLoop());
    this.id = id;
    this.processId = processId;
    this.osPid = osPid;
    this.link = link;
    this.queuedPortBytes = new QueuedPortBytes(id, host.maxOutboundBytes);
    this.mainFrame = new WebFrameMainImpl(this, Message.MAIN_FRAME_ID);
    frames.put(Message.MAIN_FRAME_ID, mainFrame);
  }

  /** The host's codec, which everything sent to or from this renderer crosses. */
  ValueCodec values() {
    return host.values;
  }

  @Override
  public CodecRegistry codecRegistry() {
    return host.values.registry();
  }

  /** The deadline of a call to this renderer that names none: the host's. */
  Duration defaultTimeout() {
    return host.defaultTimeout();
  }

  /**
   * Assigns the next frame id of this renderer.
   *
   * @throws io.ipc4j.IpcException if it has {@link #MAX_FRAMES} already: frames are never closed, so a renderer that
   *     kept asking would otherwise fill the host's memory
   */
  int openFrame() {
    if (frames.size() >= MAX_FRAMES) {
      throw new io.ipc4j.IpcException(String.format(java.util.Locale.ROOT, "%s already has %,d frames, as many as a "
          + "renderer may have; no frame was opened. Frames live as long as their renderer: open one per view you "
          + "keep, not one per message", this, MAX_FRAMES));
    }
    int frameId = nextFrameId.incrementAndGet();
    frames.put(frameId, new WebFrameMainImpl(this, frameId));
    return frameId;
  }

  /** The frame a message claims to come from, or null if this renderer has no such frame. */
  WebFrameMainImpl frame(int frameId) {
    return frames.get(frameId);
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public int processId() {
    return processId;
  }

  @Override
  public WebContents webContents() {
    return this;
  }

  @Override
  public void receiveOnMainLoop(Message message) {
    host.receiveOnMainLoop(this, message);
  }

  @Override
  public void send(String channel, Object... args) {
    mainFrame.send(channel, args);
  }

  @Override
  public CompletableFuture<Object> invoke(String channel, Object... args) {
    return mainFrame.invoke(channel, args);
  }

  @Override
  public CompletableFuture<Object> invokeWithTimeout(Duration timeout, String channel, Object... args) {
    return mainFrame.invokeWithTimeout(timeout, channel, args);
  }

  @Override
  public Flow.Publisher<Object> stream(String channel, Object... args) {
    return mainFrame.stream(channel, args);
  }

  @Override
  public WebFrameMain mainFrame() {
    return mainFrame;
  }

  @Override
  public IpcMain ipc() {
    return ipc;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  @Override
  public long osProcessId() {
    return osPid;
  }

  @Override
  public IpcRegistration onDestroyed(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    destroyedCallbacks.add(callback);
    if (isDestroyed()) {
      host.onMainLoop(() -> runOnce(callback));
    }
    return () -> destroyedCallbacks.remove(callback);
  }

  @Override
  public IpcRegistration onRenderProcessGone(Consumer<RenderProcessGoneDetails> listener) {
    Objects.requireNonNull(listener, "listener");
    goneListeners.add(listener);
    return () -> goneListeners.remove(listener);
  }

  @Override
  public void close() {
    destroy(null, "WebContents " + id + " was closed");
  }

  @Override
  public void connectionClosed() {
    replies.cancelAll(); // as its destroy does, which follows once its process's exit is seen
  }

  /**
   * Marks this renderer destroyed, ends its side, and fires its callbacks on the main loop: render-process-gone
   * first when {@code gone} is given, then destroyed. Idempotent.
   */
  @Override
  public void destroy(RenderProcessGoneDetails gone, String reason) {
    if (!destroyed.compareAndSet(false, true)) {
      return;
    }
    host.forget(this);
    link.close(reason);
    host.ports.rendererGone(this);
    calls.close(reason);
    streams.close(reason);
    replies.cancelAll(); // nobody waits for its calls' answers: their handlers are told, as by a cancel
    unansweredSyncs.endAll(); // nor for its sendSyncs' answers
    frames.values().forEach(WebFrameMainImpl::dropScope);
    host.onMainLoop(() -> {
      if (gone != null) {
        for (Consumer<RenderProcessGoneDetails> listener : goneListeners) {
          try {
            listener.accept(gone);
          } catch (Throwable t) {
            LOG.log(Level.WARNING, "render-process-gone listener failed", t);
          }
        }
      }
      for (Runnable callback : destroyedCallbacks) {
        runOnce(callback);
      }
    });
  }

  private void runOnce(Runnable callback) {
    if (destroyedCallbacks.remove(callback)) {
      try {
        callback.run();
      } catch (Throwable t) {
        LOG.log(Level.WARNING, "destroyed callback failed", t);
      }
    }
  }

  /** The MessagePorts of this renderer's host. */
  PortTable ports() {
    return host.ports;
  }

  @Override
  public void postMessage(String channel, Object message, List<io.ipc4j.MessagePortMain> transfer) {
    host.ports.postToRenderer(this, Message.MAIN_FRAME_ID, channel, message, transfer);
  }

  /**
   * Whether a call the renderer opens now (an invoke or a stream) reuses the id of a call of its still in flight (a
   * handler's stage that has not ended, or a stream still served): that breaks the protocol, and cuts it off.
   */
  boolean reusesCallId(long callId, String channel) {
    if (replies.isAnswering(callId)) {
      brokeProtocol("it opened call " + callId + " on '" + channel + "' while its call " + callId + " was in flight");
      return true;
    }
    return false;
  }

  /** Cuts off this renderer, which broke the protocol ({@code reason} says how); nothing it asked for happens. */
  void brokeProtocol(String reason) {
    LOG.log(Level.WARNING, "ipc4j: disconnecting {0}: {1}", this, reason);
    destroy(new RenderProcessGoneDetails(RenderProcessGoneDetails.Reason.CRASHED, -1),
        this + " broke the protocol: " + reason);
  }

  /**
   * Null, or why a call the renderer opens now (an invoke or a stream) is refused before anything of it runs: the
   * renderer already has as many calls in flight as the host allows, counting invokes whose handlers returned stages
   * that have not ended and streams that main handlers still serve. A refusal is logged at most once a second.
   */
  String callRefusal(String channel) {
    int inFlight = replies.answering();
    if (inFlight < host.maxCallsInFlight) {
      return null;
    }
    String reason = String.format(java.util.Locale.ROOT, "%s already has %,d calls in flight, as many as the host "
        + "allows (IpcHost.Builder.maxCallsInFlight): its call on '%s' was refused and no handler ran. Let calls end "
        + "before making more, or raise the limit", this, inFlight, channel);
    refusals.warn("ipc4j: " + reason);
    return reason;
  }

  /**
   * The registries a message from a frame of this renderer without a scope of its own goes to, in Electron's order:
   * this renderer's {@code webContents.ipc}, then the global {@code ipcMain}. Made once, on the main loop (the only
   * thread that dispatches), so that a message allocates no list of scopes.
   */
  IpcMainImpl[] scopes() {
    IpcMainImpl[] order = scopeOrder;
    if (order == null) {
      order = new IpcMainImpl[] {ipc, host.ipcMain};
      scopeOrder = order;
    }
    return order;
  }

  @Override
  public String toString() {
    return "WebContents[" + id + "]";
  }
}
