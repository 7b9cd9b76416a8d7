package io.ipc4j.example;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcRegistration;
import io.ipc4j.IpcRenderer;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One notes window's scripted session. Its clients are the generated ones, injected by Dagger; every step reports
 * itself to the main process, which prints the transcript. The main process hands out turns by phase: {@code edit},
 * {@code review} and {@code wrap-up} edit notes, {@code follow} and {@code unfollow} subscribe to and cancel the
 * audit log's stream; every turn first reports the pushes seen since the last one.
 */
final class NotesWindow {
  /** The channel on which the main process hands a window its turn. */
  static final String TURN = "window:turn";

  private final NotesApi notes;
  private final TranscriptApi transcript;
  private final IpcRenderer ipc;
  private final String name;
  private final List<String> pushes = new ArrayList<>(); // this renderer's loop only
  private long lastSeenNote = -1;
  private SelectionPort selection;
  private AuditFollower audit; // this renderer's loop only, as the two above
  // Read by confirmClose, which may answer on another thread once the window is no longer busy.
  private volatile List<Draft> unsaved = List.of();
  private volatile CompletableFuture<Void> busy = CompletableFuture.completedFuture(null);

  @Inject
  NotesWindow(NotesApi notes, TranscriptApi transcript, IpcRenderer ipc, @Named("window") String name) {
    this.notes = notes;
    this.transcript = transcript;
    this.ipc = ipc;
    this.name = name;
  }

  /** Subscribes to pushes and turns, serves {@link WindowApi}, then tells the main process this window is ready. */
  IpcRegistration start() {
    IpcRegistration events = NotesEventsIpc.subscribe(ipc, new NotesEvents() {
      @Override
      public void changed(Note note) {
        lastSeenNote = note.id();
        pushes.add(String.format("%-9s %-19s %s", "push", "notes:changed", "<- " + note.describe() + " by "
            + note.updatedBy()));
      }

      @Override
      public void deleted(long id, String by) {
        pushes.add(String.format("%-9s %-19s %s", "push", "notes:deleted", "<- note " + id + " by " + by));
      }
    });
    // Blocking calls inside a renderer listener are safe: replies never need this loop.
    IpcRegistration turns = ipc.on(TURN, (event, args) -> turn((String) args[0]));
    IpcRegistration served = WindowApiIpc.register(ipc, this::confirmClose);
    // What the other window sends on the shared port is shown as it arrives, not at this window's next turn.
    selection = SelectionPort.listen(ipc, new SelectionPort.View() {
      @Override
      public void peerSelected(String peer, String selected) {
        say("port", SelectionPort.CHANNEL, "<- " + peer + " is looking at: " + selected);
      }

      @Override
      public void peerClosed(String peer) {
        sayIfOpen("port", SelectionPort.CHANNEL, "<- " + peer + " closed");
      }
    });
    notes.log("window " + name + " opened");
    transcript.ready();
    return IpcRegistration.of(events, turns, served, selection.registration());
  }

  private void say(String style, String call, String outcome) {
    transcript.line(String.format("[%s] %-9s %-19s %s", name, style, call, outcome));
  }

  /** As {@link #say}, from a callback that also runs when this window's own renderer closes: then nobody hears. */
  private void sayIfOpen(String style, String call, String outcome) {
    try {
      say(style, call, outcome);
    } catch (IpcDisconnectedException e) {
      // The port closes, and the stream fails, with the renderer: there is no main process left to tell.
    }
  }

  private void turn(String phase) {
    for (String push : pushes) {
      transcript.line("[" + name + "] " + push);
    }
    pushes.clear();
    switch (phase) {
      case "edit" -> edit();
      case "review" -> review();
      case "wrap-up" -> wrapUp();
      case "follow" -> follow();
      case "unfollow" -> unfollow();
      default -> { } // only the pushes seen since the last turn
    }
    transcript.done();
  }

  private void edit() {
    notes.log("window " + name + " is editing");
    say("send", "notes:log", "\"window " + name + " is editing\"   (fire and forget)");
    say("sendSync", "notes:settings", "-> " + notes.settings());
    Note created = notes.create("Groceries", "milk, eggs").join();
    say("invoke", "notes:create", "-> " + created.describe() + "   (async: CompletableFuture)");
    try {
      Note renamed = notes.rename(created.id(), "Groceries for Sunday");
      say("invoke", "notes:rename", "-> " + renamed.describe() + "   (blocking)");
    } catch (NoteNotFoundException e) {
      say("invoke", "notes:rename", "threw " + e);
    }
    List<Note> all = notes.list();
    say("invoke", "notes:list", "-> " + all.size() + " note(s)");
    select(all.get(0));
  }

  /** Selects {@code note}: the window that shares this one's port learns it at once, the main process does not. */
  private void select(Note note) {
    if (selection.connected()) { // the line first: it reaches the main process before the port's message
      say("port", SelectionPort.CHANNEL, "-> " + note.describe() + "   (to the other window, past main)");
      selection.select(note.describe());
    }
  }

  /** Follows the audit log live: each entry is shown as the main process records it. */
  private void follow() {
    audit = new AuditFollower(
        entry -> say("stream", "notes:auditLog", "<- " + entry.describe() + "   (live, 1 requested at a time)"),
        end -> sayIfOpen("stream", "notes:auditLog", end));
    notes.auditLog().subscribe(audit);
    say("stream", "notes:auditLog", "subscribed: the log so far, then each entry as it is made");
  }

  private void unfollow() {
    if (audit != null) {
      audit.cancel();
      say("stream", "notes:auditLog", "cancelled after " + audit.seen() + " entries");
    }
  }

  private void review() {
    try {
      say("invoke", "notes:get(" + lastSeenNote + ")", "-> " + notes.get(lastSeenNote).describe());
    } catch (NoteNotFoundException e) {
      say("invoke", "notes:get(" + lastSeenNote + ")", "threw " + e);
    }
    try {
      notes.get(42);
      say("invoke", "notes:get(42)", "-> a note?! (expected none)");
    } catch (NoteNotFoundException e) {
      say("invoke", "notes:get(42)", "threw " + e.getClass().getSimpleName() + ": " + e.getMessage()
          + "   (typed error)");
    }
    say("invoke", "notes:delete(" + lastSeenNote + ")", "-> " + notes.delete(lastSeenNote).join());
    Draft draft = new Draft("Call the plumber", "the kitchen tap drips");
    unsaved = List.of(draft);
    say("edit", "(not saved)", "\"" + draft.title() + "\" typed, not saved yet");
  }

  private void wrapUp() {
    busy = new CompletableFuture<Void>().completeOnTimeout(null, 60, TimeUnit.SECONDS);
    say("busy", "(export)", "an export runs for 60 s; confirmClose() answers when it ends");
  }

  /** The unsaved edits, once whatever the window is busy with has ended (so a long export makes it late). */
  private CompletableFuture<List<Draft>> confirmClose() {
    return busy.thenApply(done -> unsaved);
  }
}
