package io.ipc4j;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A subscriber for stream tests: requests {@code initial} items on subscribe (and one more per item when it
 * {@code keepsUp}), records items, the threads of its signals and whether two ever overlapped, and its terminal signal.
 */
final class StreamProbe implements Flow.Subscriber<Object> {
  private final long initial;
  private final boolean keepsUp;
  final Await.Inbox<Object> items = new Await.Inbox<>();
  final List<String> threads = new CopyOnWriteArrayList<>();
  /** Completes with null on onComplete, with the failure on onError. */
  final CompletableFuture<Throwable> end = new CompletableFuture<>();
  final AtomicInteger signalsAfterEnd = new AtomicInteger();
  final AtomicInteger overlaps = new AtomicInteger();
  private final AtomicInteger inSignal = new AtomicInteger();
  private final CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;

  StreamProbe(long initial, boolean keepsUp) {
    this.initial = initial;
    this.keepsUp = keepsUp;
  }

  /** Requests everything at once. */
  static StreamProbe all() {
    return new StreamProbe(Long.MAX_VALUE, false);
  }

  private void enter() {
    if (inSignal.incrementAndGet() != 1) {
      overlaps.incrementAndGet();
    }
    threads.add(Thread.currentThread().getName());
    if (end.isDone()) {
      signalsAfterEnd.incrementAndGet();
    }
  }

  private void leave() {
    inSignal.decrementAndGet();
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    enter();
    subscription = s;
    subscribed.complete(s);
    if (initial > 0) {
      s.request(initial);
    }
    leave();
  }

  @Override
  public void onNext(Object item) {
    enter();
    items.put(item);
    if (keepsUp) {
      subscription.request(1);
    }
    leave();
  }

  @Override
  public void onError(Throwable failure) {
    enter();
    end.complete(failure);
    leave();
  }

  @Override
  public void onComplete() {
    enter();
    end.complete(null);
    leave();
  }

  /** The subscription, once onSubscribe has come (within the test deadline). */
  Flow.Subscription subscription() {
    return subscribed.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
  }

  /** The failure the stream ended with; fails the test if it completed or did not end in time. */
  Throwable failure() {
    Throwable failure = awaitEnd();
    if (failure == null) {
      fail("the stream completed instead of failing");
    }
    return failure;
  }

  /** Waits for onComplete; fails the test if the stream failed or did not end in time. */
  void awaitComplete() {
    Throwable failure = awaitEnd();
    if (failure != null) {
      throw new AssertionError("the stream failed instead of completing", failure);
    }
  }

  private Throwable awaitEnd() {
    try {
      return end.get(Await.SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the stream did not end within " + Await.SECONDS + " s; " + state(), e);
    }
  }

  /** What this subscriber saw, and where every ipc4j thread is: for a stream that did not end, the place it hangs. */
  private String state() {
    StringBuilder out = new StringBuilder();
    out.append(threads.size()).append(" signals (").append(items.size()).append(" items not taken), the last on ")
        .append(threads.isEmpty() ? "none" : threads.get(threads.size() - 1)).append("; ipc4j threads:");
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      if (thread.getName().startsWith("ipc4j")) {
        out.append("\n  ").append(thread.getName()).append(' ').append(thread.getState());
        for (int i = 0; i < Math.min(6, stack.length); i++) {
          out.append("\n    at ").append(stack[i]);
        }
      }
    });
    return out.toString();
  }
}
