/**
 * The runtime's JDK Flight Recorder events, category {@code ipc4j}, recorded in the main process: {@code
 * io.ipc4j.Call} ({@link io.ipc4j.internal.jfr.IpcCallEvent}: an invoke or a sendSync, either way) and {@code
 * io.ipc4j.Message} ({@link io.ipc4j.internal.jfr.IpcMessageEvent}: a send or a {@code webContents.send}) and {@code
 * io.ipc4j.Stream} ({@link io.ipc4j.internal.jfr.IpcStreamEvent}: one per stream, either way: items, bytes, how it
 * ended). Each is gathered only while a recording has it enabled; otherwise it costs a check and no allocation.
 *
 * <p>Port messages do not exist yet. When they do, their event belongs here, beside these and with the same fields
 * where they apply: {@code io.ipc4j.PortMessage} (one per message posted on a port).
 *
 * <p>This package knows nothing of hosts, renderers or transports: callers hand it plain values.
 */
package io.ipc4j.internal.jfr;
