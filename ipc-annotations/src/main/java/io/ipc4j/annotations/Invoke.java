package io.ipc4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method a request/response call ({@code ipcRenderer.invoke} / {@code ipcMain.handle}).
 *
 * <p>This is the default for methods of an {@link IpcChannel} interface; the annotation only makes it explicit.
 * The method may return a value, {@code void}, or a {@code CompletableFuture}/{@code CompletionStage} for an
 * asynchronous client call.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Invoke {}
