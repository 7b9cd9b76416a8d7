package io.ipc4j.it;

import io.ipc4j.annotations.IpcChannel;
import io.ipc4j.annotations.SendSync;
import io.ipc4j.annotations.Timeout;
import java.util.concurrent.TimeUnit;

/** An interface-wide deadline, overridden by one method. */
@IpcChannel
@Timeout(value = 150, unit = TimeUnit.MILLISECONDS)
public interface SlowApi {
  /**
   * Takes as long as asked.
   *
   * @param millis how long
   * @return "done"
   */
  String work(long millis);

  /**
   * Takes as long as asked, synchronously.
   *
   * @param millis how long
   * @return "done"
   */
  @SendSync
  String workSync(long millis);

  /**
   * Has a longer deadline of its own.
   *
   * @param millis how long
   * @return "done"
   */
  @Timeout(5)
  String patient(long millis);
}
