package io.ipc4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method fire-and-forget ({@code ipcRenderer.send} / {@code ipcMain.on}). The method must return
 * {@code void}.
 *
 * <pre>{@code
 * @Send void log(String line);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Send {}
