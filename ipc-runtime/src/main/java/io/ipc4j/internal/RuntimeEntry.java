package io.ipc4j.internal;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcInterceptor;
import io.ipc4j.IpcRenderer;
import io.ipc4j.internal.socket.ChildConnector;
import io.ipc4j.internal.socket.SocketOptions;
import io.ipc4j.spi.TypeCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way into the runtime's internals: the API ({@link IpcHost.Builder} and {@link IpcRenderer#connect()})
 * reaches them through these factories only, so every other internal type can stay package-private.
 */
public final class RuntimeEntry {
  /**
   * This process's connection to the host that launched it, once made: a process is at most one renderer. The
   * runtime's one piece of static state, on purpose: like Electron's ipcRenderer module it is process-wide by
   * nature. Everything else belongs to a host, a renderer or a pair of ports.
   */
  private static IpcRenderer child;

  private RuntimeEntry() {}

  /**
   * A new pair of entangled main-side ports that belong to no host yet ({@code new MessageChannelMain()}).
   *
   * @return the two ports
   */
  public static io.ipc4j.MessagePortMain[] newMainChannel() {
    return PortTable.newPair();
  }

  /**
   * What an {@link IpcHost.Builder} has been told, with the defaults for all it has not; the builder checks each
   * value as it is set.
   */
  public static final class HostOptions {
    /** The deadline of calls that name none. */
    public Duration defaultTimeout = IpcHost.DEFAULT_TIMEOUT;
    /** How long idle loops and waiting callers spin before parking. */
    public Duration spinTime = IpcHost.DEFAULT_SPIN_TIME;
    /** How long a task may hold the main loop before a warning is logged. */
    public Duration blockedLoopWarning = IpcHost.DEFAULT_BLOCKED_LOOP_WARNING;
    /** The record and enum codecs the host has from the start. */
    public final List<TypeCodec<?>> codecs = new ArrayList<>();
    /** What sees each message from a renderer first, in order. */
    public final List<IpcInterceptor> interceptors = new ArrayList<>();
    /** Options for child JVMs. */
    public final List<String> jvmOptions = new ArrayList<>();
    /** The largest frame either side accepts. */
    public int maxFrameBytes = IpcHost.DEFAULT_MAX_FRAME_BYTES;
    /** How long children get to exit before they are ended. */
    public Duration shutdownGrace = Duration.ofSeconds(2);
    /** How long a child gets to start and connect. */
    public Duration launchTimeout = Duration.ofSeconds(30);
    /** How long a connection gets to send its HELLO. */
    public Duration handshakeTimeout = Duration.ofSeconds(10);
    /** How long a frame may stop arriving, or a renderer take no bytes, before it is cut off. */
    public Duration stallTime = IpcHost.DEFAULT_STALL_TIME;
    /** How many bytes may wait to be written to one renderer. */
    public long maxOutboundBytes = IpcHost.DEFAULT_MAX_OUTBOUND_BYTES;
    /** How many connections may be in their handshake at once. */
    public int maxPendingConnections = IpcHost.DEFAULT_MAX_PENDING_CONNECTIONS;
    /** How many calls one renderer may have in flight. */
    public int maxCallsInFlight = IpcHost.DEFAULT_MAX_CALLS_IN_FLIGHT;
    /** Where renderer JVMs keep their class-data archive, or null for none. */
    public Path classDataCache;

    /** Options with every default. */
    public HostOptions() {}
  }

  /**
   * Starts a host whose renderers are threads in this JVM.
   *
   * @param o what its builder was told
   * @return a running host
   */
  public static IpcHost inProcessHost(HostOptions o) {
    return withCodecs(new IpcHostImpl(o.defaultTimeout, o.spinTime, o.blockedLoopWarning, null,
        List.copyOf(o.interceptors), o.maxCallsInFlight, o.maxOutboundBytes), o.codecs);
  }

  /**
   * Starts a host that listens on a private socket and can launch renderers as child JVMs.
   *
   * @param o what its builder was told
   * @return a running host
   */
  public static IpcHost socketHost(HostOptions o) {
    SocketOptions socket = new SocketOptions(List.copyOf(o.jvmOptions), o.maxFrameBytes, o.shutdownGrace,
        o.launchTimeout, o.handshakeTimeout, o.stallTime, o.maxOutboundBytes, o.maxPendingConnections,
        o.classDataCache);
    return withCodecs(new IpcHostImpl(o.defaultTimeout, o.spinTime, o.blockedLoopWarning, socket,
        List.copyOf(o.interceptors), o.maxCallsInFlight, o.maxOutboundBytes), o.codecs);
  }

  /** Gives a new host its builder's codecs; a conflict among them closes the host again. */
  private static IpcHost withCodecs(IpcHostImpl host, List<? extends TypeCodec<?>> codecs) {
    try {
      host.values.registry().addAll(codecs);
    } catch (RuntimeException e) {
      host.close();
      throw e;
    }
    return host;
  }

  /**
   * Connects this process, launched by a host, to that host, once; later calls return the same main frame.
   *
   * @return the main frame's renderer endpoint
   */
  public static synchronized IpcRenderer connectChild() {
    if (child == null) {
      child = RendererContext.overSocket(ChildConnector.connectFromEnvironment(), null, ChildConnector::exitSoon)
          .mainFrame();
    }
    return child;
  }
}
