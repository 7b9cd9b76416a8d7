package io.ipc4j.example;

/**
 * Settings every window reads at start.
 *
 * @param theme the colour theme
 * @param autosaveSeconds how often editors save
 */
public record Settings(String theme, int autosaveSeconds) {}
