package io.ipc4j.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/** The main side's plain implementation of {@link NotesApi}. */
final class Store implements NotesApi {
  final Map<Long, Note> notes = new LinkedHashMap<>();
  final BlockingQueue<String> logged = new LinkedBlockingQueue<>();

  Store() {
    notes.put(1L, new Note(1, "first", List.of("a", "b"), Instant.ofEpochSecond(1, 5), Priority.LOW));
    notes.put(Long.MAX_VALUE, new Note(Long.MAX_VALUE, "last", List.of(), Instant.EPOCH, Priority.HIGH));
  }

  @Override
  public Note get(long id) throws NoteNotFound {
    Note note = notes.get(id);
    if (note == null) {
      throw new NoteNotFound("no note " + id);
    }
    return note;
  }

  @Override
  public CompletableFuture<List<Note>> list() {
    return CompletableFuture.completedFuture(new ArrayList<>(notes.values()));
  }

  @Override
  public CompletionStage<Note> find(long id) {
    Note note = notes.get(id);
    return note != null ? CompletableFuture.completedFuture(note)
        : CompletableFuture.failedFuture(new NoteNotFound("nothing at " + id));
  }

  @Override
  public void log(String line) {
    logged.add(line);
  }

  @Override
  public int count() {
    return notes.size();
  }

  @Override
  public Note rename(long id, String title) throws NoteNotFound {
    Note old = get(id);
    Note renamed = new Note(old.id(), title, old.tags(), old.updated(), old.priority());
    notes.put(id, renamed);
    return renamed;
  }

  @Override
  public String slow(long millis) {
    sleep(millis);
    return "done";
  }

  @Override
  public void fail(String message) {
    throw new IllegalStateException(message);
  }

  @Override
  public Everything echo(Everything value) {
    return value;
  }

  @Override
  public String primitives(byte b, short s, int i, long l, float f, double d, char c, boolean z) {
    return b + " " + s + " " + i + " " + l + " " + f + " " + d + " " + c + " " + z;
  }

  @Override
  public Optional<Note> optional(Optional<Note> maybe, Set<String> tags, Map<Priority, Integer> counts) {
    if (!(tags instanceof java.util.LinkedHashSet) || !(counts instanceof LinkedHashMap)) {
      throw new IllegalStateException("collections arrive as LinkedHashSet and LinkedHashMap");
    }
    return maybe.map(n -> new Note(n.id(), n.title() + tags + counts, n.tags(), n.updated(), n.priority()));
  }

  @Override
  public int whoAmI() {
    return -1;
  }

  @Override
  public void clear() {
    notes.clear();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
