package io.ipc4j.example;

import io.ipc4j.annotations.IpcChannel;

/** The README's typed quick start: one channel, "greeter:hello". */
@IpcChannel("greeter")
public interface Greeter {
  /**
   * Greets someone.
   *
   * @param name who
   * @return the greeting
   */
  String hello(String name);
}
