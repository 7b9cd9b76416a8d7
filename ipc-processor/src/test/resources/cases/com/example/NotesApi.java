package com.example;

import io.ipc4j.annotations.Channel;
import io.ipc4j.annotations.IpcChannel;
import io.ipc4j.annotations.Send;
import io.ipc4j.annotations.SendSync;
import io.ipc4j.annotations.Timeout;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The representative channel interface: every call style. */
@IpcChannel("notes")
public interface NotesApi {
  Note get(long id);

  CompletableFuture<List<Note>> list();

  CompletionStage<Void> clear();

  @Send
  void log(String line);

  @SendSync
  Settings settings();

  @Channel("notes:rename")
  Note rename(long id, String title) throws NoteNotFound;

  @Timeout(value = 250, unit = TimeUnit.MILLISECONDS)
  Optional<Note> find(String title);

  void touch(int... ids);

  default String describe() {
    return "notes";
  }

  static NotesApi none() {
    return null;
  }
}
