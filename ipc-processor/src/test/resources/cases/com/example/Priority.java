package com.example;

/** How urgent a note is. */
public enum Priority { LOW, NORMAL, HIGH }
