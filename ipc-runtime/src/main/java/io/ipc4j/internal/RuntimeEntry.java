package io.ipc4j.internal;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcInterceptor;
import io.ipc4j.IpcRenderer;
import io.ipc4j.internal.socket.ChildConnector;
import io.ipc4j.internal.socket.SocketOptions;
import io.ipc4j.spi.TypeCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The one way into the runtime's internals: the API ({@link IpcHost.Builder} and {@link IpcRenderer#connect()})
 * reaches them through these factories only, so every other internal type can stay package-private.
 */
public final class RuntimeEntry {
  /** This process's connection to the host that launched it, once made: a process is at most one renderer. */
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
   * Starts a host whose renderers are threads in this JVM.
   *
   * @param defaultTimeout the deadline of calls that name none
   * @param spinTime how long idle loops and waiting callers spin before parking
   * @param blockedLoopWarning how long a task may hold the main loop before a warning is logged
   * @param codecs the record and enum codecs the host has from the start
   * @param interceptors what sees each message from a renderer first, in order
   * @return a running host
   */
  public static IpcHost inProcessHost(Duration defaultTimeout, Duration spinTime, Duration blockedLoopWarning,
      List<? extends TypeCodec<?>> codecs, List<IpcInterceptor> interceptors) {
    return withCodecs(new IpcHostImpl(defaultTimeout, spinTime, blockedLoopWarning, null, interceptors), codecs);
  }

  /**
   * Starts a host that listens on a private socket and can launch renderers as child JVMs.
   *
   * @param defaultTimeout the deadline of calls that name none
   * @param spinTime how long idle loops and waiting callers spin before parking
   * @param blockedLoopWarning how long a task may hold the main loop before a warning is logged
   * @param codecs the record and enum codecs the host has from the start
   * @param jvmOptions options for child JVMs
   * @param maxFrameBytes the largest frame either side accepts
   * @param shutdownGrace how long children get to exit before they are ended
   * @param launchTimeout how long a child gets to start and connect
   * @param handshakeTimeout how long a connection gets to send its HELLO
   * @param stallTime how long a frame may stop arriving, or a renderer take no bytes, before it is cut off
   * @param maxOutboundBytes how many bytes may wait to be written to one renderer
   * @param maxPendingConnections how many connections may be in their handshake at once
   * @param classDataCache where renderer JVMs keep their class-data archive, or null for none
   * @param interceptors what sees each message from a renderer first, in order
   * @return a running host
   */
  public static IpcHost socketHost(Duration defaultTimeout, Duration spinTime, Duration blockedLoopWarning,
      List<? extends TypeCodec<?>> codecs, List<String> jvmOptions, int maxFrameBytes, Duration shutdownGrace,
      Duration launchTimeout, Duration handshakeTimeout, Duration stallTime, long maxOutboundBytes,
      int maxPendingConnections, Path classDataCache, List<IpcInterceptor> interceptors) {
    return withCodecs(new IpcHostImpl(defaultTimeout, spinTime, blockedLoopWarning, new SocketOptions(jvmOptions,
        maxFrameBytes, shutdownGrace, launchTimeout, handshakeTimeout, stallTime, maxOutboundBytes,
        maxPendingConnections, classDataCache), interceptors), codecs);
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
