package com.example;

import java.time.Instant;
import java.util.List;

/** A note. */
public record Note(long id, String title, List<String> tags, Instant updated, Priority priority) {}
