package io.ipc4j.internal;

import io.ipc4j.IpcRenderer;

/** The event of a renderer listener (a message) or of a renderer handler (a call from the main process). */
record RendererEvent(IpcRenderer sender, String channel) implements io.ipc4j.IpcRendererEvent {}
