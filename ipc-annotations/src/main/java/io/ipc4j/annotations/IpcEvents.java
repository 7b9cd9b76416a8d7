package io.ipc4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a main-to-renderer push contract ({@code webContents.send} / {@code ipcRenderer.on}).
 *
 * <p>Every abstract method must return {@code void}. The processor generates {@code <Interface>Ipc} with
 * {@code emitter(WebContents)} for the main process and {@code subscribe(IpcRenderer, listener)} for renderers.
 *
 * <pre>{@code
 * @IpcEvents("notes")
 * public interface NotesEvents {
 *   void changed(Note note);   // channel "notes:changed"
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface IpcEvents {
  /**
   * The channel prefix; empty (the default) means the interface's simple name with its first letter lower-cased.
   *
   * @return the channel prefix, or {@code ""} for the default
   */
  String value() default "";
}
