package io.ipc4j.example;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The notes on disk, one file per note. Every write goes to a temporary file that is flushed and then renamed over
 * the old one, so a note on disk is always either the old or the new version, whatever dies when.
 */
public final class NoteStore {
  private static final String SUFFIX = ".note";
  private static final String NEXT_ID = "next-id";

  private final Path directory;
  private final Map<Long, Note> notes = new TreeMap<>();
  private long nextId = 1;

  /**
   * Opens the store, reading every note already in {@code directory}.
   *
   * @param directory where the notes live; created if missing
   */
  public NoteStore(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
      try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
        for (Path file : files) {
          Note note = read(file);
          notes.put(note.id(), note);
          nextId = Math.max(nextId, note.id() + 1);
        }
      }
      Path counter = directory.resolve(NEXT_ID);
      if (Files.exists(counter)) { // ids are never reused, even after the newest note is deleted
        nextId = Math.max(nextId, Long.parseLong(Files.readString(counter, StandardCharsets.UTF_8).trim()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the notes in " + directory, e);
    }
  }

  /**
   * The directory the notes live in.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * Every note, by id.
   *
   * @return a snapshot
   */
  public synchronized List<Note> list() {
    return new ArrayList<>(notes.values());
  }

  /**
   * One note.
   *
   * @param id its id
   * @return the note, if there is one
   */
  public synchronized Optional<Note> get(long id) {
    return Optional.ofNullable(notes.get(id));
  }

  /**
   * Creates a note and writes it to disk before returning.
   *
   * @param title its title
   * @param body its text
   * @param by the window that created it
   * @return the note
   */
  public synchronized Note create(String title, String body, String by) {
    Note note = new Note(nextId++, title, body, Instant.now(), by);
    writeAtomically(directory.resolve(NEXT_ID), Long.toString(nextId).getBytes(StandardCharsets.UTF_8));
    write(note);
    return note;
  }

  /**
   * Replaces a note's title.
   *
   * @param id its id
   * @param title the new title
   * @param by the window that renamed it
   * @return the renamed note, if there was one
   */
  public synchronized Optional<Note> rename(long id, String title, String by) {
    Note old = notes.get(id);
    if (old == null) {
      return Optional.empty();
    }
    Note note = new Note(id, title, old.body(), Instant.now(), by);
    write(note);
    return Optional.of(note);
  }

  /**
   * Deletes a note.
   *
   * @param id its id
   * @return true if it existed
   */
  public synchronized boolean delete(long id) {
    if (notes.remove(id) == null) {
      return false;
    }
    try {
      Files.deleteIfExists(file(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  private Path file(long id) {
    return directory.resolve(id + SUFFIX);
  }

  private void write(Note note) {
    Properties p = new Properties();
    p.setProperty("id", Long.toString(note.id()));
    p.setProperty("title", note.title());
    p.setProperty("body", note.body());
    p.setProperty("updated", note.updated().toString());
    p.setProperty("updatedBy", note.updatedBy());
    java.io.StringWriter text = new java.io.StringWriter();
    try {
      p.store(text, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeAtomically(file(note.id()), text.toString().getBytes(StandardCharsets.UTF_8));
    notes.put(note.id(), note);
  }

  /** Writes a temporary file, flushes it to the disk, then renames it over {@code target}. */
  private void writeAtomically(Path target, byte[] content) {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target, e);
    }
  }

  /**
   * Reads one note file.
   *
   * @param file the file
   * @return the note
   * @throws IOException if it cannot be read or is incomplete
   */
  static Note read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    for (String key : new String[] {"id", "title", "body", "updated", "updatedBy"}) {
      if (p.getProperty(key) == null) {
        throw new IOException(file + " has no " + key);
      }
    }
    return new Note(Long.parseLong(p.getProperty("id")), p.getProperty("title"), p.getProperty("body"),
        Instant.parse(p.getProperty("updated")), p.getProperty("updatedBy"));
  }
}
