package com.example;

import io.ipc4j.annotations.IpcChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;

/** The representative stream interface: streams of records, of strings and of arrays, next to an invoke call. */
@IpcChannel("feed")
public interface FeedApi {
  Flow.Publisher<Note> notes(String query) throws NoteNotFound;

  Flow.Publisher<String> titles();

  Flow.Publisher<Note[]> pages(int size);

  Flow.Publisher<Long> ticks(Optional<Long> every);

  List<String> queries();
}
