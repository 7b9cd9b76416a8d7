package io.ipc4j.bench;

import io.ipc4j.annotations.IpcChannel;
import java.time.Instant;
import java.util.List;

/** The interface whose one call {@link CallPath} follows: a typed invoke that returns a record. */
@IpcChannel("items")
public interface PathApi {
  /**
   * One item.
   *
   * @param id its id
   * @return the item
   */
  Item get(long id);

  /**
   * A record with the usual kinds of components.
   *
   * @param id a number
   * @param title a string
   * @param tags a list
   * @param updated a timestamp
   */
  record Item(long id, String title, List<String> tags, Instant updated) {}
}
