package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcHost;
import io.ipc4j.IpcInterceptor;
import io.ipc4j.IpcMain;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;
import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.codec.ValueCodec;
import io.ipc4j.internal.socket.SocketOptions;
import io.ipc4j.internal.socket.SocketServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The main process: its lifecycle, one event loop on which every listener and handler runs in arrival order, the
 * global {@link IpcMain}, and the renderers. Transports hand it messages through {@link #receive} (or, on the main
 * loop, through each renderer's {@link ConnectedRenderer}); {@link MainDispatch} runs what they are for, and
 * answers through each renderer's {@link RendererLink}.
 *
 * <p>The host's {@link Scheduler} reports a task that holds the main loop longer than {@code blockedLoopWarning},
 * and times out the calls of the renderers in this JVM.
 */
final class IpcHostImpl implements IpcHost {
  /** What the blocked-loop warning advises for the main loop. */
  private static final String MAIN_LOOP_ADVICE = "Return a CompletionStage from the handler for slow work (and "
      + "complete it from another thread), or move slow work in a listener to another thread.";

  private final Duration defaultTimeout;
  private final long spinNanos;
  private final Scheduler watchdog;
  private final EventLoop mainLoop;
  /** The host's codecs: every IpcMain and WebContents of this host adds to them, every payload it handles uses them. */
  final ValueCodec values = new ValueCodec(new CodecRegistry());
  /** The global {@code ipcMain}: the last scope of every renderer's messages. */
  final IpcMainImpl ipcMain = new IpcMainImpl(values.registry());
  private final MainDispatch dispatch;
  /** The MessagePorts this host relays for. */
  final PortTable ports = new PortTable(this);
  private final Map<Integer, WebContentsImpl> contents = new ConcurrentSkipListMap<>();
  private final AtomicInteger nextId = new AtomicInteger();
  private final AtomicInteger nextProcessId = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final SocketServer server;
  /** How many calls one renderer may have in flight. */
  final int maxCallsInFlight;
  /**
   * How many bytes may wait to be written to one renderer ({@link PortRoom} relays port messages to it up to half
   * of it), and how many its port messages may keep waiting in main-side ports not started ({@link QueuedPortBytes}).
   */
  final long maxOutboundBytes;

  /**
   * Starts a host and its main event loop.
   *
   * @param defaultTimeout the deadline of calls that name none
   * @param spinTime how long idle loops and waiting callers spin before parking
   * @param blockedLoopWarning how long a task may hold the main loop before a warning is logged
   * @param sockets the socket transport's options, or null for a host whose renderers are all in process
   * @param interceptors what sees each message from a renderer first, in order
   * @param maxCallsInFlight how many calls one renderer may have in flight (see {@link WebContentsImpl#callRefusal})
   * @param maxOutboundBytes how many bytes may wait for one renderer, and how many its port messages may keep waiting
   *     in main-side ports not started
   */
  IpcHostImpl(Duration defaultTimeout, Duration spinTime, Duration blockedLoopWarning, SocketOptions sockets,
      List<IpcInterceptor> interceptors, int maxCallsInFlight, long maxOutboundBytes) {
    this.maxCallsInFlight = maxCallsInFlight;
    this.maxOutboundBytes = maxOutboundBytes;
    this.dispatch = new MainDispatch(new Interceptors(interceptors));
    this.defaultTimeout = defaultTimeout;
    this.spinNanos = spinTime.toNanos();
    this.watchdog = new Scheduler("ipc4j-watchdog", blockedLoopWarning);
    // Over sockets the main loop reads the renderers' sockets itself (see Poller).
    this.mainLoop = EventLoop.start("ipc4j-main", spinNanos, sockets != null, watchdog, MAIN_LOOP_ADVICE);
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

    @Override
    public <T> CompletableFuture<T> completeOnTimeout(CompletableFuture<T> future, T value, Duration delay) {
      return watchdog.completeOnTimeout(future, value, delay);
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
  public WebContents launchProcess(ProcessBuilder builder) {
    java.util.Objects.requireNonNull(builder, "builder");
    if (server == null) {
      throw new UnsupportedOperationException("This host runs renderers as threads: build the host with "
          + "IpcHost.overSockets() to launch renderer processes");
    }
    ensureOpen();
    return server.launchProcess(builder);
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
      RendererContext side = RendererContext.overSocket(peer.client(), mainLoop, null);
      return new RendererHandle(peer.renderer(), side, side.mainFrame());
    }
    int id = nextId.incrementAndGet();
    RendererContext side = new RendererContext("ipc4j-renderer-" + id, defaultTimeout, spinNanos, mainLoop);
    WebContentsImpl wc = attach(id, ProcessHandle.current().pid(), side);
    side.ports.rendererId(id);
    side.connect(new MainLink() {
      @Override
      public void toMain(Message message) {
        if (wc.isDestroyed() || closed.get()) {
          throw new IpcDisconnectedException("The main process is gone (" + wc + " was destroyed)");
        }
        // Nothing it sent earlier waits for the main loop: an answer overtakes nothing, and a thread blocked on it
        // need not wait for the loop's turn (callbacks still run on the loop).
        if (message instanceof Message.RendererAnswer answer && wc.queuedOnLoop.get() == 0) {
          wc.calls.answer(answer);
          return;
        }
        receive(wc, message);
      }

      @Override
      public ValueCodec mainValues() {
        return values; // the renderer's invokes copy their arguments for the host on the caller's thread
      }
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
    ports.hostClosed(); // before the loop stops, so that their close callbacks run
    mainLoop.shutdown();
    mainLoop.awaitTermination(5_000);
    watchdog.close();
  }

  /** A message from a renderer; any thread. It is handled on the main loop, in arrival order. */
  void receive(WebContentsImpl from, Message message) {
    from.queuedOnLoop.incrementAndGet();
    mainLoop.execute(new Delivery(from, message));
  }

  /** A message a renderer's socket delivered to the main loop, which polls it: handled right away. */
  void receiveOnMainLoop(WebContentsImpl from, Message message) {
    mainLoop.working(message); // a task of its own, for the blocked-loop warning
    dispatch.dispatch(from, message);
  }

  /** A message from a renderer, as a main-loop task (its own queue node: handing a message over makes one object). */
  private final class Delivery extends TaskQueue.Task implements EventLoop.Labelled {
    private final WebContentsImpl from;
    private final Message message;

    Delivery(WebContentsImpl from, Message message) {
      this.from = from;
      this.message = message;
    }

    @Override
    public void run() {
      try {
        dispatch.dispatch(from, message);
      } finally {
        from.queuedOnLoop.decrementAndGet();
      }
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

}
