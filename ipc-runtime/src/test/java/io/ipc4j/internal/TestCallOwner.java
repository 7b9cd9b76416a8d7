package io.ipc4j.internal;

import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.codec.ValueCodec;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A renderer for a lone {@link PendingCall}: its "loop" is a queue that a test drains from whichever thread plays
 * the loop, callers never spin (so no clock is read while model checking), and forgets are counted.
 */
final class TestCallOwner extends CallOwner {
  final AtomicInteger forgets = new AtomicInteger();
  private final ConcurrentLinkedQueue<Runnable> loop = new ConcurrentLinkedQueue<>();
  private final IdleStrategy noSpin = new IdleStrategy(0);
  private final ValueCodec values = new ValueCodec(new CodecRegistry());

  @Override
  void forget(PendingCall call) {
    forgets.incrementAndGet();
  }

  @Override
  void runOnLoop(Runnable task) {
    loop.add(task);
  }

  @Override
  void checkNotMainLoop(String channel) {}

  @Override
  ValueCodec values() {
    return values;
  }

  @Override
  IdleStrategy callerIdle() {
    return noSpin;
  }

  /** What the loop has queued and not run yet, in order. */
  java.util.List<Runnable> queued() {
    return java.util.List.copyOf(loop);
  }

  /** Runs what the loop has queued so far, on the calling thread (which plays the loop). */
  void runLoop() {
    for (Runnable task; (task = loop.poll()) != null; ) {
      task.run();
    }
  }
}
