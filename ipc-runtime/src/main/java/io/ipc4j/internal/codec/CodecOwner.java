package io.ipc4j.internal.codec;

/**
 * An object of the runtime that belongs to one side of the IPC, the host or one renderer, and so to that side's
 * codecs: {@link io.ipc4j.spi.Codecs#addTo} reaches them through it. The host's {@code IpcMain}s and
 * {@code WebContents} and a renderer's {@code IpcRenderer}s are owners; an object that is not (a test's mock, say)
 * has no codecs to add to.
 */
public interface CodecOwner {
  /**
   * The codecs of the side this belongs to.
   *
   * @return that side's registry
   */
  CodecRegistry codecRegistry();
}
