package io.ipc4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a method's channel explicitly, instead of {@code prefix + ":" + methodName}. Any channel may be named,
 * including one under another prefix, so a typed method can talk to a handler written with the untyped API.
 *
 * <pre>{@code
 * @Channel("notes:rename") Note rename(long id, String title) throws NoteNotFound;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Channel {
  /**
   * The channel name; must not be empty.
   *
   * @return the channel name
   */
  String value();
}
