package io.ipc4j.internal;

import java.time.Duration;
import java.util.List;

/** The socket host's options, as the builder collected them. */
public record SocketOptions(List<String> jvmOptions, int maxFrameBytes, Duration shutdownGrace,
    Duration launchTimeout, Duration handshakeTimeout) {
  /**
   * Copies the JVM options.
   *
   * @param jvmOptions options for child JVMs
   * @param maxFrameBytes the largest frame either side accepts
   * @param shutdownGrace how long children get to exit before they are ended
   * @param launchTimeout how long a child gets to start and connect
   * @param handshakeTimeout how long a connection gets to send its HELLO
   */
  public SocketOptions {
    jvmOptions = List.copyOf(jvmOptions);
  }
}
