/**
 * The socket transport: renderers in child JVMs (or, for tests and {@code openRenderer()} on a socket host, in the
 * host's JVM) talk to the host over a Unix domain socket, or loopback TCP where those are unavailable. It sees the
 * host and the renderer's side only through the ports of {@code io.ipc4j.internal} ({@code HostPort},
 * {@code ConnectedRenderer}, {@code MainLink}, {@code RendererLink}, {@code SocketLoop}) and carries
 * {@code Message}s.
 *
 * <ul>
 *   <li>Host end: {@link io.ipc4j.internal.socket.SocketServer} over {@link io.ipc4j.internal.socket.ListeningSocket}
 *       (where it listens), {@link io.ipc4j.internal.socket.Admission} (the accept thread, handshakes and tickets),
 *       {@link io.ipc4j.internal.socket.HostEnd} (one admitted renderer),
 *       {@link io.ipc4j.internal.socket.ChildLauncher} (child JVMs and their grace periods) and
 *       {@link io.ipc4j.internal.socket.ExitReasons}.
 *   <li>Renderer end: {@link io.ipc4j.internal.socket.SocketClient} (handshake, then the renderer's
 *       {@code MainLink}) and {@link io.ipc4j.internal.socket.ChildConnector} (a child JVM's way to its host).
 *   <li>Both ends: {@link io.ipc4j.internal.socket.Connection} (one socket) with its
 *       {@link io.ipc4j.internal.socket.FrameReader}, {@link io.ipc4j.internal.socket.OutboundQueue},
 *       {@link io.ipc4j.internal.socket.LoopWrites} and {@link io.ipc4j.internal.socket.StallChecks};
 *       {@link io.ipc4j.internal.socket.Frames}, the frame format of docs/protocol.md;
 *       {@link io.ipc4j.internal.socket.Endpoint}.
 * </ul>
 */
package io.ipc4j.internal.socket;
