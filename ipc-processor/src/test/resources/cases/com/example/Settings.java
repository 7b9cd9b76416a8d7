package com.example;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Settings, with nested generic components. */
public record Settings(Map<String, Set<Priority>> filters, Optional<String> theme, double zoom) {}
