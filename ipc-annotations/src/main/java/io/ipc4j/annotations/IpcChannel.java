package io.ipc4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a renderer-to-main IPC contract.
 *
 * <p>The processor generates {@code <Interface>Ipc} next to it, with {@code register(IpcMain, impl)} for the
 * main process and {@code client(IpcRenderer)} for renderers. Each abstract method is one channel named
 * {@code prefix + ":" + methodName}, unless {@link Channel} names it.
 *
 * <pre>{@code
 * @IpcChannel("notes")
 * public interface NotesApi {
 *   Note get(long id);   // channel "notes:get"
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface IpcChannel {
  /**
   * The channel prefix. Empty (the default) means the interface's simple name with its first letter
   * lower-cased; an explicit prefix must not be blank or contain whitespace.
   *
   * @return the channel prefix, or {@code ""} for the default
   */
  String value() default "";
}
