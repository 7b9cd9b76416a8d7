package io.ipc4j.it;

import io.ipc4j.annotations.Channel;
import io.ipc4j.annotations.IpcChannel;
import io.ipc4j.annotations.Send;
import io.ipc4j.annotations.SendSync;
import io.ipc4j.annotations.Timeout;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Every call style and every supported type. */
@IpcChannel("notes")
public interface NotesApi {
  /**
   * Invoke, blocking.
   *
   * @param id the note's id
   * @return the note
   * @throws NoteNotFound if there is none
   */
  Note get(long id) throws NoteNotFound;

  /**
   * Invoke, asynchronous.
   *
   * @return every note
   */
  CompletableFuture<List<Note>> list();

  /**
   * Invoke, asynchronous, failing with a declared exception.
   *
   * @param id the note's id
   * @return the note, later
   * @throws NoteNotFound never directly: the future fails with it
   */
  CompletionStage<Note> find(long id) throws NoteNotFound;

  /**
   * Send.
   *
   * @param line what to log
   */
  @Send
  void log(String line);

  /**
   * SendSync.
   *
   * @return how many notes there are
   */
  @SendSync
  int count();

  /**
   * An explicit channel.
   *
   * @param id the note's id
   * @param title the new title
   * @return the renamed note
   * @throws NoteNotFound if there is none
   */
  @Channel("notes:rename")
  Note rename(long id, String title) throws NoteNotFound;

  /**
   * A method deadline.
   *
   * @param millis how long the main side takes
   * @return "done"
   */
  @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
  String slow(long millis);

  /**
   * Fails with an unchecked exception.
   *
   * @param message the exception's message
   */
  void fail(String message);

  /**
   * Every supported type at once.
   *
   * @param value the value
   * @return the value as the main side received it
   */
  Everything echo(Everything value);

  /**
   * Primitives, boxes and top-level generic types as parameters.
   *
   * @param b a byte
   * @param s a short
   * @param i an int
   * @param l a long
   * @param f a float
   * @param d a double
   * @param c a char
   * @param z a boolean
   * @return them all, described
   */
  String primitives(byte b, short s, int i, long l, float f, double d, char c, boolean z);

  /**
   * Optional, Set and Map as parameters and result.
   *
   * @param maybe an optional
   * @param tags a set
   * @param counts a map
   * @return the optional, back
   */
  Optional<Note> optional(Optional<Note> maybe, Set<String> tags, Map<Priority, Integer> counts);

  /**
   * Who called: the Handler variant answers with the sender's id.
   *
   * @return the sender's WebContents id (or -1 from a plain implementation)
   */
  int whoAmI();

  /** A void invoke. */
  void clear();
}
