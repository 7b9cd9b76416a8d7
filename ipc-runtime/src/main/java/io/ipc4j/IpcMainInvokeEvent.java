package io.ipc4j;

/**
 * The event passed to {@link IpcMainHandler}s for {@link IpcRenderer#invoke}; the handler's return value is the
 * reply. Validate {@link #sender()} or {@link #senderFrame()} when a call must come from a particular window.
 */
public interface IpcMainInvokeEvent extends IpcEvent {}
