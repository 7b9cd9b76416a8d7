package io.ipc4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * The deadline of typed calls: on a method it applies to that method, on an interface to every method that has
 * none of its own. Without it the host's default deadline applies (30 seconds unless the host was built with
 * another). When the deadline passes the caller gets {@code IpcTimeoutException}.
 *
 * <pre>{@code
 * @Timeout(value = 2, unit = TimeUnit.SECONDS) Note get(long id);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Timeout {
  /**
   * The deadline's length; must be positive.
   *
   * @return the amount of {@link #unit()}
   */
  long value();

  /**
   * The unit of {@link #value()}; seconds by default.
   *
   * @return the time unit
   */
  TimeUnit unit() default TimeUnit.SECONDS;
}
