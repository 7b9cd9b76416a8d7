package io.ipc4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method a synchronous message ({@code ipcRenderer.sendSync} / {@code ipcMain.on} answered with
 * {@code event.setReturnValue}). The client blocks until the main process answers or the deadline passes.
 *
 * <pre>{@code
 * @SendSync Settings settings();
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SendSync {}
