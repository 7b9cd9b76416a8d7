/**
 * The runtime behind the API; not exported. Its layers, from the API down (a layer uses the ones below it, and
 * reaches the one above only through the small interfaces named here):
 *
 * <ol>
 *   <li><b>Entry.</b> {@link io.ipc4j.internal.RuntimeEntry}: the only type the API ({@code IpcHost.Builder},
 *       {@code IpcRenderer.connect()}) touches; it holds what a builder was told, makes hosts and
 *       connects a child JVM.
 *   <li><b>Host and renderer.</b> The main process: {@link io.ipc4j.internal.IpcHostImpl} (lifecycle, main loop,
 *       renderers), the registries {@link io.ipc4j.internal.IpcMainImpl} (global and per {@code WebContents}),
 *       {@link io.ipc4j.internal.MainDispatch} (runs a message's listeners or handler and replies),
 *       {@link io.ipc4j.internal.WebContentsImpl}, {@link io.ipc4j.internal.WebFrameMainImpl},
 *       {@link io.ipc4j.internal.MainEvent}. A renderer's side: {@link io.ipc4j.internal.RendererContext} (its loop,
 *       frames and pending calls), {@link io.ipc4j.internal.IpcRendererImpl} (one frame),
 *       {@link io.ipc4j.internal.RendererHandle} (a renderer in the host's JVM, over either transport), and the
 *       calls ({@link io.ipc4j.internal.PendingCall}, {@link io.ipc4j.internal.ReplyFuture}).
 *   <li><b>Messages.</b> {@link io.ipc4j.internal.Message}: the kinds, their directions, the main frame's id and the
 *       failed reply's form; payloads are already encoded, so both transports carry the same bytes.
 *   <li><b>Ports.</b> What a transport sees of the layers above: {@link io.ipc4j.internal.HostPort} (admits a
 *       renderer), {@link io.ipc4j.internal.ConnectedRenderer} (where an admitted renderer's messages go),
 *       {@link io.ipc4j.internal.MainLink} and {@link io.ipc4j.internal.RendererLink} (how each side reaches the
 *       other), {@link io.ipc4j.internal.SocketLoop} (the loop that serves sockets).
 *   <li><b>Transports.</b> In process: a renderer's {@code RendererContext} is its host's {@code RendererLink},
 *       and its {@code MainLink} hands messages straight to the host. Over sockets: {@code io.ipc4j.internal.socket}.
 *   <li><b>Codec.</b> {@code io.ipc4j.internal.codec}: values to MessagePack bytes and back.
 * </ol>
 *
 * <p>Beside the layers, idling and timing: {@link io.ipc4j.internal.EventLoop} (one thread per loop, with a
 * {@link io.ipc4j.internal.PollingLoop} when it reads sockets through a {@link io.ipc4j.internal.Poller}),
 * {@link io.ipc4j.internal.IdleStrategy} (spin, then park), and {@link io.ipc4j.internal.Scheduler} (every timeout:
 * call deadlines, the blocked-loop warning, the socket transport's grace periods).
 */
package io.ipc4j.internal;
