package io.ipc4j.it;

import java.time.Instant;
import java.util.List;

/**
 * A note.
 *
 * @param id its id
 * @param title its title
 * @param tags its tags
 * @param updated when it last changed
 * @param priority how urgent it is
 */
public record Note(long id, String title, List<String> tags, Instant updated, Priority priority) {}
