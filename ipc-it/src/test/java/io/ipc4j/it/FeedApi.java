package io.ipc4j.it;

import io.ipc4j.annotations.IpcChannel;
import java.util.concurrent.Flow;

/** Typed streams: each method returns a publisher whose items the caller gets as the declared type. */
@IpcChannel("feed")
public interface FeedApi {
  /**
   * The notes {@code 0..count-1} of {@code tag}, then completion.
   *
   * @param tag names the stream in the implementation's reports
   * @param count how many
   * @return the notes
   */
  Flow.Publisher<Note> notes(String tag, int count);

  /**
   * {@code 0, 1, 2, ...} for as long as the subscriber asks: items whose wire form (small integers) differs from
   * their declared type.
   *
   * @param tag names the stream in the implementation's reports
   * @return the ticks
   */
  Flow.Publisher<Long> ticks(String tag);

  /**
   * {@code pages} arrays of two notes each: items that cross in their untyped form (a list).
   *
   * @param tag names the stream in the implementation's reports
   * @param pages how many
   * @return the pages
   */
  Flow.Publisher<Note[]> pages(String tag, int pages);

  /**
   * One item, then a failure with {@link NoteNotFound}.
   *
   * @param tag names the stream in the implementation's reports
   * @param why the failure's message
   * @return the stream
   * @throws NoteNotFound declared, so that the typed caller gets the failure as itself
   */
  Flow.Publisher<String> failing(String tag, String why) throws NoteNotFound;
}
