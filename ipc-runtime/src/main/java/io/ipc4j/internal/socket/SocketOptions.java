package io.ipc4j.internal.socket;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The socket host's options, as the builder collected them. */
public record SocketOptions(List<String> jvmOptions, int maxFrameBytes, Duration shutdownGrace,
    Duration launchTimeout, Duration handshakeTimeout, Duration stallTime, long maxOutboundBytes,
    int maxPendingConnections, Path classDataCache) {
  /**
   * Copies the JVM options.
   *
   * @param jvmOptions options for child JVMs
   * @param maxFrameBytes the largest frame either side accepts
   * @param shutdownGrace how long children get to exit before they are ended
   * @param launchTimeout how long a child gets to start and connect
   * @param handshakeTimeout how long a connection gets to send its HELLO
   * @param stallTime how long a frame may stop arriving, or a renderer take no bytes, before it is cut off
   * @param maxOutboundBytes how many bytes may wait to be written to one renderer
   * @param maxPendingConnections how many connections may be in their handshake at once
   * @param classDataCache where renderer JVMs keep their class-data archive, or null for none
   */
  public SocketOptions {
    jvmOptions = List.copyOf(jvmOptions);
  }
}
