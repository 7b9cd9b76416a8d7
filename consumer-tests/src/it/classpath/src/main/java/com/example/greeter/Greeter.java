package com.example.greeter;

import io.ipc4j.annotations.IpcChannel;

/** The quick start's contract: one invoke method. */
@IpcChannel("greeter")
public interface Greeter {
  /** Greets {@code name}. */
  String hello(String name);
}
