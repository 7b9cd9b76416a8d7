/**
 * The ipc4j API: Electron's IPC model in Java.
 *
 * <pre>{@code
 * try (IpcHost host = IpcHost.inProcess()) {
 *   host.ipcMain().handle("math:add", (event, args) -> (Integer) args[0] + (Integer) args[1]);
 *   Renderer renderer = host.openRenderer();
 *   Object sum = renderer.ipcRenderer().invoke("math:add", 2, 3).join();   // 5
 * }
 * }</pre>
 *
 * <p>Start with {@link io.ipc4j.IpcHost}; the main side is {@link io.ipc4j.IpcMain} and
 * {@link io.ipc4j.WebContents}, the renderer side {@link io.ipc4j.IpcRenderer}.
 */
package io.ipc4j;
