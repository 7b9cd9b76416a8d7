package com.example;

import io.ipc4j.annotations.IpcChannel;
import io.ipc4j.annotations.Timeout;

/** Holds a nested interface; the generated name joins the enclosing names. */
public class Outer {
  /** Nested, default prefix, interface-wide deadline. */
  @IpcChannel
  @Timeout(5)
  public interface Inner {
    int getAll(Point origin);

    /** A nested record. */
    record Point(int x, int y) {}
  }
}
