package io.ipc4j.example;

import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A window's subscriber to {@link NotesApi#auditLog()}: it asks for one entry, shows it, then asks for the next, so
 * the main process never sends it more than it has shown. Its callbacks run on the renderer's event loop.
 */
final class AuditFollower implements Flow.Subscriber<AuditEntry> {
  private final Consumer<AuditEntry> show;
  private final Consumer<String> ended;
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;
  private volatile int seen;

  /**
   * A follower.
   *
   * @param show called with each entry
   * @param ended called once if the stream ends on its own: why
   */
  AuditFollower(Consumer<AuditEntry> show, Consumer<String> ended) {
    this.show = show;
    this.ended = ended;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cancelled) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(AuditEntry entry) {
    seen++; // the loop's only writer
    show.accept(entry);
    subscription.request(1);
  }

  @Override
  public void onError(Throwable failure) {
    ended.accept("failed: " + failure.getMessage());
  }

  @Override
  public void onComplete() {
    ended.accept("completed");
  }

  /** Stops following: the main process's publisher is cancelled, and no entry arrives after this. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  /** How many entries this follower has shown. */
  int seen() {
    return seen;
  }
}
