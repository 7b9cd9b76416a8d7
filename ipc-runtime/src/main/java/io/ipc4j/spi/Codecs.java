package io.ipc4j.spi;

import io.ipc4j.IpcMain;
import io.ipc4j.IpcRenderer;
import io.ipc4j.WebContents;
import io.ipc4j.internal.codec.CodecOwner;
import java.util.List;
import java.util.Objects;

/**
 * Gives one side of the IPC, the host or a renderer, the record and enum codecs of a generated class. Each side owns
 * its codecs: a record or enum crosses as itself where both sides have its codec; the sending side refuses one it
 * has no codec for with {@link io.ipc4j.IpcCloneException} before anything is sent; a receiving side without it gets
 * the map of the record's components, or the enum constant's name, which typed code converts back
 * ({@link Converters#record}, {@link Converters#enumOf}). For generated code, which calls it from its entry points:
 *
 * <pre>{@code
 * Codecs.addTo(ipcMain, NotesApiIpc.CODECS);   // register(ipcMain, impl)
 * Codecs.addTo(renderer, NotesApiIpc.CODECS);  // new NotesApiIpc.Client(renderer)
 * }</pre>
 *
 * An application gives the host codecs up front with {@code IpcHost.builder().codecs(NotesApiIpc.CODECS)}.
 */
public final class Codecs {
  private Codecs() {}

  /**
   * Gives the main process behind {@code ipcMain} the codecs of a generated class. Nothing happens for an
   * {@code IpcMain} that is not the runtime's (a test's mock, say).
   *
   * @param ipcMain the global {@code IpcMain} or a renderer's scope
   * @param codecs a generated class's {@code CODECS}
   * @throws IllegalStateException if a codec names a type or wire name that the host knows otherwise
   */
  public static void addTo(IpcMain ipcMain, List<? extends TypeCodec<?>> codecs) {
    add(Objects.requireNonNull(ipcMain, "ipcMain"), codecs);
  }

  /**
   * Gives the renderer behind {@code renderer} the codecs of a generated class. Nothing happens for an
   * {@code IpcRenderer} that is not the runtime's.
   *
   * @param renderer a renderer frame
   * @param codecs a generated class's {@code CODECS}
   * @throws IllegalStateException if a codec names a type or wire name that the renderer knows otherwise
   */
  public static void addTo(IpcRenderer renderer, List<? extends TypeCodec<?>> codecs) {
    add(Objects.requireNonNull(renderer, "renderer"), codecs);
  }

  /**
   * Gives the main process that owns {@code contents} the codecs of a generated class. Nothing happens for a
   * {@code WebContents} that is not the runtime's.
   *
   * @param contents a renderer's {@code WebContents}
   * @param codecs a generated class's {@code CODECS}
   * @throws IllegalStateException if a codec names a type or wire name that the host knows otherwise
   */
  public static void addTo(WebContents contents, List<? extends TypeCodec<?>> codecs) {
    add(Objects.requireNonNull(contents, "contents"), codecs);
  }

  private static void add(Object owner, List<? extends TypeCodec<?>> codecs) {
    Objects.requireNonNull(codecs, "codecs");
    if (owner instanceof CodecOwner ours) {
      ours.codecRegistry().addAll(codecs);
    }
  }
}
