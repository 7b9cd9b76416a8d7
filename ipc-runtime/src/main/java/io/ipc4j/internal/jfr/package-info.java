/**
 * The runtime's JDK Flight Recorder events, category {@code ipc4j}, recorded in the main process: {@code
 * io.ipc4j.Call} ({@link io.ipc4j.internal.jfr.IpcCallEvent}: an invoke or a sendSync, either way) and {@code
 * io.ipc4j.Message} ({@link io.ipc4j.internal.jfr.IpcMessageEvent}: a send or a {@code webContents.send}) and {@code
 * io.ipc4j.Stream} ({@link io.ipc4j.internal.jfr.IpcStreamEvent}: one per stream, either way: items, bytes, how it
 * ended). Each is gathered only while a recording has it enabled; otherwise it costs a check and no allocation.
 *
 * <p>{@code io.ipc4j.PortMessage} ({@link io.ipc4j.internal.jfr.IpcPortMessageEvent}) is one message posted on a
 * port, as it enters or leaves the host: a message relayed between two renderers is two events.
 *
 * <p>This package knows nothing of hosts, renderers or transports: callers hand it plain values.
 */
package io.ipc4j.internal.jfr;
