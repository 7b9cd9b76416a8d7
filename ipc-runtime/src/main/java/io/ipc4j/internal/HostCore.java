package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcException;
import io.ipc4j.IpcHost;
import io.ipc4j.IpcMain;
import io.ipc4j.IpcMainHandler;
import io.ipc4j.IpcMainListener;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;
import io.ipc4j.internal.codec.ValueCodec;
import io.ipc4j.internal.socket.SocketOptions;
import io.ipc4j.internal.socket.SocketServer;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The main process: one event loop on which every listener and handler runs in arrival order, the global
 * {@link IpcMain}, and the renderers. Transports hand it messages through {@link #receive}; it answers through
 * each renderer's {@link RendererLink}.
 *
 * <p>Nothing a listener, a handler or the decoding of a message throws (an {@code Error} included) stops the loop:
 * a failure becomes the answer of the call it belongs to. The host's {@link Watchdog} reports a task that holds the
 * main loop longer than {@code blockedLoopWarning}, and times out the calls of the renderers in this JVM.
 */
final class HostCore implements IpcHost {
  private static final System.Logger LOG = System.getLogger("io.ipc4j");
  private static final String IPC_EXCEPTION = IpcException.class.getName();
  /** What the blocked-loop warning advises for the main loop. */
  private static final String MAIN_LOOP_ADVICE = "Return a CompletionStage from the handler for slow work (and "
      + "complete it from another thread), or move slow work in a listener to another thread.";

  private final Duration defaultTimeout;
  private final long spinNanos;
  private final Watchdog watchdog;
  private final EventLoop mainLoop;
  private final IpcMainImpl ipcMain = new IpcMainImpl();
  private final Map<Integer, WebContentsImpl> contents = new ConcurrentSkipListMap<>();
  private final AtomicInteger nextId = new AtomicInteger();
  private final AtomicInteger nextProcessId = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final SocketServer server;

  /**
   * Starts a host and its main event loop.
   *
   * @param defaultTimeout the deadline of calls that name none
   * @param spinTime how long idle loops and waiting callers spin before parking
   * @param blockedLoopWarning how long a task may hold the main loop before a warning is logged
   * @param sockets the socket transport's options, or null for a host whose renderers are all in process
   */
  HostCore(Duration defaultTimeout, Duration spinTime, Duration blockedLoopWarning, SocketOptions sockets) {
    this.defaultTimeout = defaultTimeout;
    this.spinNanos = spinTime.toNanos();
    this.watchdog = new Watchdog("ipc4j-watchdog", blockedLoopWarning);
    // Over sockets the main loop reads the renderers' sockets itself (see Poller).
    this.mainLoop = new EventLoop("ipc4j-main", spinNanos, sockets != null, watchdog, MAIN_LOOP_ADVICE);
    SocketServer started = null;
    if (sockets != null) {
      try {
        started = new SocketServer(new Admissions(), sockets, SocketLoop.of(mainLoop));
      } catch (RuntimeException e) {
        mainLoop.shutdown();
        watchdog.close();
        throw e;
      }
    }
    this.server = started;
  }

  /** What the socket transport may ask of the host: ids for the renderers it expects, and their admission. */
  private final class Admissions implements HostPort {
    @Override
    public int newRendererId() {
      return nextId.incrementAndGet();
    }

    @Override
    public ConnectedRenderer admit(int rendererId, long osPid, RendererLink link) {
      return attach(rendererId, osPid, link);
    }

    @Override
    public Duration defaultTimeout() {
      return defaultTimeout;
    }

    @Override
    public long spinNanos() {
      return spinNanos;
    }
  }

  /**
   * The directory of the host's socket, or null for an in-process host (for tests and diagnostics).
   *
   * @return the private socket directory
   */
  java.nio.file.Path socketDirectory() {
    return server == null ? null : server.directory();
  }

  @Override
  public WebContents launchRenderer(Class<?> mainClass, String... args) {
    java.util.Objects.requireNonNull(mainClass, "mainClass");
    java.util.Objects.requireNonNull(args, "args");
    if (server == null) {
      throw new UnsupportedOperationException("This host runs renderers as threads: use openRenderer(), or build "
          + "the host with IpcHost.overSockets() to launch renderer JVMs");
    }
    ensureOpen();
    return server.launch(mainClass, args);
  }

  @Override
  public IpcMain ipcMain() {
    return ipcMain;
  }

  @Override
  public Renderer openRenderer() {
    ensureOpen();
    if (server != null) {
      SocketServer.InProcessPeer peer = server.connectInProcess();
      RendererCore side = RendererCore.overSocket(peer.client(), mainLoop, null);
      return new RendererHandle(peer.renderer(), side, side.mainFrame());
    }
    int id = nextId.incrementAndGet();
    RendererCore side = new RendererCore("ipc4j-renderer-" + id, defaultTimeout, spinNanos, mainLoop);
    WebContentsImpl wc = attach(id, ProcessHandle.current().pid(), side);
    side.connect(message -> {
      if (wc.isDestroyed() || closed.get()) {
        throw new IpcDisconnectedException("The main process is gone (" + wc + " was destroyed)");
      }
      receive(wc, message);
    });
    side.frameOpener(() -> side.addFrame(wc.openFrame()));
    return new RendererHandle(wc, side, side.mainFrame());
  }

  /**
   * Registers a renderer whose messages will arrive through {@link #receive}.
   *
   * @param id the renderer's id
   * @param osPid the renderer's operating-system process id
   * @param link how to reach it
   * @return its {@code WebContents}
   */
  WebContentsImpl attach(int id, long osPid, RendererLink link) {
    WebContentsImpl wc = new WebContentsImpl(this, id, nextProcessId.incrementAndGet(), osPid, link);
    contents.put(id, wc);
    if (closed.get()) {
      wc.destroy(null, "The host is closed");
    }
    return wc;
  }

  void forget(WebContentsImpl wc) {
    contents.remove(wc.id, wc);
  }

  void onMainLoop(Runnable task) {
    mainLoop.execute(task);
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IpcDisconnectedException("The host is closed");
    }
  }

  @Override
  public List<WebContents> allWebContents() {
    return List.copyOf(new ArrayList<>(contents.values()));
  }

  @Override
  public Duration defaultTimeout() {
    return defaultTimeout;
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (WebContentsImpl wc : new ArrayList<>(contents.values())) {
      wc.destroy(null, "The host was closed");
    }
    if (server != null) {
      server.close();
    }
    mainLoop.shutdown();
    mainLoop.awaitTermination(5_000);
    watchdog.close();
  }

  /** A message from a renderer; any thread. It is handled on the main loop, in arrival order. */
  void receive(WebContentsImpl from, Message message) {
    mainLoop.execute(new Delivery(from, message));
  }

  /** A message a renderer's socket delivered to the main loop, which polls it: handled right away. */
  void receiveOnMainLoop(WebContentsImpl from, Message message) {
    mainLoop.working(message); // a task of its own, for the blocked-loop warning
    dispatch(from, message);
  }

  /** A message from a renderer, as a main-loop task. */
  private final class Delivery implements Runnable, EventLoop.Labelled {
    private final WebContentsImpl from;
    private final Message message;

    Delivery(WebContentsImpl from, Message message) {
      this.from = from;
      this.message = message;
    }

    @Override
    public void run() {
      dispatch(from, message);
    }

    @Override
    public String label() {
      return message.label() + " from " + from;
    }
  }


  /** The socket side, or null for an in-process host. */
  SocketServer server() {
    return server;
  }

  EventLoop mainLoop() {
    return mainLoop;
  }

  /** Handles one message; never throws: a failure answers the call it belongs to, or is logged. */
  private void dispatch(WebContentsImpl from, Message message) {
    try {
      handle(from, message);
    } catch (Throwable t) {
      Failures.log(Level.ERROR, "ipc4j: handling a message from " + from + " failed", t);
    }
  }

  private void handle(WebContentsImpl from, Message message) {
    if (from.isDestroyed()) {
      return;
    }
    if (message instanceof Message.Send m) {
      onSend(from, m.frameId(), m.channel(), m.payload(), -1);
    } else if (message instanceof Message.SendSync m) {
      onSend(from, m.frameId(), m.channel(), m.payload(), m.callId());
    } else if (message instanceof Message.Invoke m) {
      onInvoke(from, m);
    } else if (message instanceof Message.OpenFrame m) {
      from.link.toRenderer(new Message.Reply(m.callId(), true, ValueCodec.encodeValue(from.openFrame())));
    } else {
      LOG.log(Level.WARNING, "ipc4j: {0} sent an unexpected {1}; dropped", from, message.getClass().getSimpleName());
    }
  }

  private WebFrameMainImpl frameOf(WebContentsImpl from, int frameId, String channel) {
    WebFrameMainImpl frame = from.frame(frameId);
    if (frame == null) {
      // A renderer may speak only for its own frames: one that claims another's is cut off.
      String reason = "it sent on '" + channel + "' from frame " + frameId + ", which it does not have";
      LOG.log(Level.WARNING, "ipc4j: disconnecting {0}: {1}", from, reason);
      from.destroy(new io.ipc4j.RenderProcessGoneDetails(io.ipc4j.RenderProcessGoneDetails.Reason.CRASHED, -1),
          from + " broke the protocol: " + reason);
    }
    return frame;
  }

  private void onSend(WebContentsImpl from, int frameId, String channel, byte[] payload, long syncCallId) {
    WebFrameMainImpl frame = frameOf(from, frameId, channel);
    if (frame == null) {
      return;
    }
    MainEvent event = new MainEvent(from, frame, channel, syncCallId);
    Listeners.Entry<IpcMainListener>[] scoped = from.ipc.listeners.snapshot(channel);
    Listeners.Entry<IpcMainListener>[] global = ipcMain.listeners.snapshot(channel);
    if (scoped.length == 0 && global.length == 0) {
      if (event.isSync()) {
        LOG.log(Level.WARNING, "WebContents #{0} called ipcRenderer.sendSync() with ''{1}'' channel without "
            + "listeners.", from.id, channel);
        event.fail(IPC_EXCEPTION, "No listener registered for '" + channel + "'");
      } else {
        LOG.log(Level.DEBUG, "ipc4j: no listener for ''{0}''; message dropped", channel);
      }
      return;
    }
    Object[] args;
    try {
      args = ValueCodec.decodeArgs(payload);
    } catch (Throwable e) { // an Error too (a codec's, or memory): it answers this message, the loop goes on
      Failures.log(Level.ERROR, "ipc4j: a message on '" + channel + "' from " + from + " could not be decoded", e);
      event.fail(e.getClass().getName(), Failures.messageOf(e));
      return;
    }
    Throwable failure = run(from.ipc.listeners, scoped, event, args);
    Throwable globalFailure = run(ipcMain.listeners, global, event, args);
    if (failure == null) {
      failure = globalFailure;
    }
    if (failure != null) {
      event.fail(failure.getClass().getName(), Failures.messageOf(failure));
    }
  }

  private static Throwable run(Listeners<IpcMainListener> registry, Listeners.Entry<IpcMainListener>[] entries,
      MainEvent event, Object[] args) {
    Throwable first = null;
    for (Listeners.Entry<IpcMainListener> entry : entries) {
      if (!registry.take(event.channel(), entry)) {
        continue;
      }
      try {
        entry.listener.onMessage(event, args);
      } catch (Throwable t) {
        Failures.log(Level.WARNING, "Error occurred in listener for '" + event.channel() + "'", t);
        if (first == null) {
          first = t;
        }
      }
    }
    return first;
  }

  private void onInvoke(WebContentsImpl from, Message.Invoke m) {
    String channel = m.channel();
    WebFrameMainImpl frame = frameOf(from, m.frameId(), channel);
    if (frame == null) {
      return;
    }
    IpcMainHandler handler = from.ipc.take(channel);
    if (handler == null) {
      handler = ipcMain.take(channel);
    }
    if (handler == null) {
      replyError(from, m.callId(), channel, IPC_EXCEPTION, "No handler registered for '" + channel + "'");
      return;
    }
    Object result;
    try {
      Object[] args = ValueCodec.decodeArgs(m.payload());
      result = handler.handle(new MainEvent(from, frame, channel, -1), args);
    } catch (Throwable t) {
      replyFailure(from, m.callId(), channel, t);
      return;
    }
    if (result instanceof CompletionStage<?> stage) {
      try {
        stage.whenComplete((value, failure) -> {
          if (failure != null) {
            replyFailure(from, m.callId(), channel, failure);
          } else {
            replyValue(from, m.callId(), channel, value);
          }
        });
      } catch (Throwable t) { // a stage of the user's own making may refuse the callback
        replyFailure(from, m.callId(), channel, t);
      }
    } else {
      replyValue(from, m.callId(), channel, result);
    }
  }

  private static void replyValue(WebContentsImpl to, long callId, String channel, Object value) {
    byte[] payload;
    try {
      payload = ValueCodec.encodeValue(value);
    } catch (Throwable e) { // a value too deep for the stack fails its call, not the loop (or the stage's thread)
      replyFailure(to, callId, channel, e);
      return;
    }
    to.link.toRenderer(new Message.Reply(callId, true, payload));
  }

  private static void replyFailure(WebContentsImpl to, long callId, String channel, Throwable failure) {
    Throwable cause = unwrap(failure);
    Failures.log(Level.DEBUG, "Error occurred in handler for '" + channel + "':", cause);
    replyError(to, callId, channel, cause.getClass().getName(), Failures.messageOf(cause));
  }

  private static void replyError(WebContentsImpl to, long callId, String channel, String type, String message) {
    to.link.toRenderer(Message.Reply.failed(callId, type, message));
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
