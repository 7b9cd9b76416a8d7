package io.ipc4j.internal.socket;

import io.ipc4j.internal.ConnectedRenderer;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;

/** A renderer the host expects: its one-time secret, its id, and (for a child JVM) its process. */
final class Ticket {
  private static final SecureRandom RANDOM = new SecureRandom();

  final byte[] secret = new byte[32];
  final int rendererId;
  /** Completed with the host's side of the renderer once it is admitted, or failed if it never will be. */
  final CompletableFuture<ConnectedRenderer> admitted = new CompletableFuture<>();
  volatile Process process;

  Ticket(int rendererId) {
    this.rendererId = rendererId;
    RANDOM.nextBytes(secret);
  }
}
