package io.ipc4j.example;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcTimeoutException;
import io.ipc4j.WebContents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * How the notes app quits: it asks every window for its unsaved edits ({@link WindowApi#confirmClose}) at once, keeps
 * each window's drafts as notes and closes the window as soon as it answers; a window that has not answered by the
 * deadline is closed anyway, so one busy or hung window delays the quit by the deadline at most.
 */
final class Quit {
  /** How long the main process waits for each window's answer. */
  static final long DEADLINE_SECONDS = 2;

  /** What became of one window. */
  enum Outcome {
    /** It had no unsaved edits. */
    FINE,
    /** It had unsaved edits, now kept as notes. */
    KEPT_DRAFTS,
    /** It did not answer by the deadline. */
    NO_ANSWER,
    /** It was gone before it could answer. */
    GONE,
    /** Its answer was a failure. */
    FAILED
  }

  /**
   * One window's part in the quit.
   *
   * @param window the window's name
   * @param outcome what became of it
   * @param kept the notes its drafts became
   * @param failure why it did not answer, or null
   */
  record Closed(String window, Outcome outcome, List<Note> kept, Throwable failure) {
    /** One line for the transcript. */
    String describe() {
      String who = "window " + window;
      return switch (outcome) {
        case FINE -> who + " has no unsaved edits: closed";
        case KEPT_DRAFTS -> who + " has unsaved edits: kept as "
            + String.join(", ", kept.stream().map(Note::describe).toList()) + "; closed";
        case NO_ANSWER -> who + " did not answer within " + DEADLINE_SECONDS + " s: closed anyway";
        case GONE -> who + " was already gone";
        case FAILED -> who + " answered with " + failure + ": closed anyway";
      };
    }
  }

  private final NoteStore store;
  private final Executor disk;

  /**
   * @param store where drafts are kept
   * @param disk where the store is written, off the main loop
   */
  Quit(NoteStore store, Executor disk) {
    this.store = store;
    this.disk = disk;
  }

  /**
   * Asks every window, closes each one as it answers or at the deadline, and waits until all are closed. Blocks, so
   * never call it on the main loop.
   *
   * @param windows the windows by name, in the order the result keeps
   * @return what became of each window
   */
  List<Closed> closeAll(Map<String, WebContents> windows) {
    List<CompletableFuture<Closed>> closing = new ArrayList<>();
    // Every question is out before any answer is waited for: the windows answer in parallel.
    windows.forEach((name, window) -> closing.add(close(name, window)));
    return closing.stream().map(CompletableFuture::join).toList();
  }

  private CompletableFuture<Closed> close(String name, WebContents window) {
    return WindowApiIpc.client(window).confirmClose().handleAsync((drafts, failure) -> {
      try {
        return failure == null ? keep(name, drafts) : notAnswered(name, failure);
      } finally {
        window.close();
      }
    }, disk);
  }

  private Closed keep(String name, List<Draft> drafts) {
    if (drafts.isEmpty()) {
      return new Closed(name, Outcome.FINE, List.of(), null);
    }
    List<Note> kept = drafts.stream().map(draft -> store.create(draft.title(), draft.body(), name)).toList();
    return new Closed(name, Outcome.KEPT_DRAFTS, kept, null);
  }

  private static Closed notAnswered(String name, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    Outcome outcome = cause instanceof IpcTimeoutException ? Outcome.NO_ANSWER
        : cause instanceof IpcDisconnectedException ? Outcome.GONE : Outcome.FAILED;
    return new Closed(name, outcome, List.of(), cause);
  }
}
