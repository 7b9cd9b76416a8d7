package io.ipc4j.example;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcMainEvent;
import io.ipc4j.IpcMainInvokeEvent;
import io.ipc4j.WebContents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * The main process's side of {@link NotesApi}. It uses the generated sender-aware handler, so it knows which window
 * made each change: it records that, and tells every other window.
 */
final class NotesService implements NotesApiIpc.Handler {
  private final IpcHost host;
  private final NoteStore store;
  private final Executor disk;
  private final Map<Integer, String> windowNames = new ConcurrentHashMap<>();
  private final AuditLog audit = new AuditLog();
  private final List<String> activity = new java.util.concurrent.CopyOnWriteArrayList<>();

  NotesService(IpcHost host, NoteStore store, Executor disk) {
    this.host = host;
    this.store = store;
    this.disk = disk;
  }

  void name(WebContents window, String name) {
    windowNames.put(window.id(), name);
  }

  private String who(WebContents sender) {
    return windowNames.getOrDefault(sender.id(), "window " + sender.id());
  }

  /** The audit log, one line an entry. */
  List<String> audit() {
    return audit.entries().stream().map(AuditEntry::describe).toList();
  }

  /** Whether every window that follows the audit log has been sent every entry so far. */
  boolean auditHandedOut() {
    return audit.handedOut();
  }

  /** How many windows follow the audit log now. */
  int auditFollowers() {
    return audit.followers();
  }

  private void audit(String who, String what, long noteId) {
    audit.add(new AuditEntry(who, what, noteId, Instant.now()));
  }

  List<String> activity() {
    return activity;
  }

  /** Runs {@code push} for every window except {@code sender}. */
  private void tellOthers(WebContents sender, java.util.function.Consumer<NotesEvents> push) {
    for (WebContents window : host.allWebContents()) {
      if (window.id() != sender.id()) {
        push.accept(NotesEventsIpc.emitter(window));
      }
    }
  }

  @Override
  public List<Note> list(IpcMainInvokeEvent event) {
    return store.list();
  }

  @Override
  public Note get(IpcMainInvokeEvent event, long id) throws NoteNotFoundException {
    return store.get(id).orElseThrow(() -> new NoteNotFoundException("There is no note " + id));
  }

  @Override
  public CompletableFuture<Note> create(IpcMainInvokeEvent event, String title, String body) {
    String by = who(event.sender());
    WebContents sender = event.sender();
    // The disk write runs off the main loop; the reply goes out when it is done.
    return CompletableFuture.supplyAsync(() -> store.create(title, body, by), disk).thenApply(note -> {
      audit(by, "created", note.id());
      tellOthers(sender, others -> others.changed(note));
      return note;
    });
  }

  @Override
  public Note rename(IpcMainInvokeEvent event, long id, String title) throws NoteNotFoundException {
    String by = who(event.sender());
    Note note = store.rename(id, title, by).orElseThrow(() -> new NoteNotFoundException("There is no note " + id));
    audit(by, "renamed", id);
    tellOthers(event.sender(), others -> others.changed(note));
    return note;
  }

  @Override
  public CompletableFuture<Boolean> delete(IpcMainInvokeEvent event, long id) {
    String by = who(event.sender());
    WebContents sender = event.sender();
    return CompletableFuture.supplyAsync(() -> store.delete(id), disk).thenApply(deleted -> {
      if (deleted) {
        audit(by, "deleted", id);
        tellOthers(sender, others -> others.deleted(id, by));
      }
      return deleted;
    });
  }

  @Override
  public void log(IpcMainEvent event, String line) {
    activity.add(who(event.sender()) + ": " + line);
  }

  @Override
  public Settings settings(IpcMainEvent event) {
    return new Settings("light", 5);
  }

  @Override
  public Flow.Publisher<AuditEntry> auditLog(IpcMainInvokeEvent event) {
    return audit.follow();
  }
}
