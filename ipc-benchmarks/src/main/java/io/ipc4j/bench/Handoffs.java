package io.ipc4j.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * Bare hand-offs of a call to one event-loop thread and back: the in-process floor an IPC runtime cannot beat.
 * Each runs {@code work} on its own thread and returns the result to the caller.
 */
final class Handoffs {
  private Handoffs() {}

  /**
   * A hand-off; {@link #close()} stops its thread.
   *
   * @param handOff takes a request to the loop and brings back its result
   * @param stop stops the loop
   */
  record Handoff(UnaryOperator<byte[]> handOff, Runnable stop) implements AutoCloseable {
    byte[] call(byte[] request) {
      return handOff.apply(request);
    }

    @Override
    public void close() {
      stop.run();
    }
  }

  /** A single-thread executor and a CompletableFuture: what most code writes. */
  static Handoff executor(UnaryOperator<byte[]> work) {
    ExecutorService loop = Executors.newSingleThreadExecutor(r -> daemon(r, "bench-executor"));
    return new Handoff(request -> CompletableFuture.supplyAsync(() -> work.apply(request), loop).join(),
        loop::shutdownNow);
  }

  /** A blocking queue to the loop, park/unpark back: every hand-off wakes a parked thread. */
  static Handoff park(UnaryOperator<byte[]> work) {
    LinkedBlockingQueue<Slot> queue = new LinkedBlockingQueue<>();
    Thread loop = daemon(() -> {
      try {
        while (true) {
          Slot slot = queue.take();
          slot.result = work.apply(slot.request);
          LockSupport.unpark(slot.caller);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "bench-park");
    loop.start();
    return new Handoff(request -> {
      Slot slot = new Slot(request, Thread.currentThread());
      queue.add(slot);
      while (slot.result == null) {
        LockSupport.park(slot);
      }
      return slot.result;
    }, loop::interrupt);
  }

  /** A queue whose loop and caller spin for a bounded time, then park: ipc4j's own idle strategy. */
  static Handoff spin(UnaryOperator<byte[]> work, long spinNanos) {
    ConcurrentLinkedQueue<Slot> queue = new ConcurrentLinkedQueue<>();
    AtomicBoolean parked = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread[] holder = new Thread[1];
    Thread loop = daemon(() -> {
      while (running.get()) {
        Slot slot = queue.poll();
        if (slot != null) {
          slot.result = work.apply(slot.request);
          if (slot.parked) {
            LockSupport.unpark(slot.caller);
          }
          continue;
        }
        long start = System.nanoTime();
        while (queue.isEmpty() && System.nanoTime() - start < spinNanos) {
          Thread.onSpinWait();
        }
        if (queue.isEmpty()) {
          parked.set(true);
          if (queue.isEmpty() && running.get()) {
            LockSupport.park();
          }
          parked.set(false);
        }
      }
    }, "bench-spin");
    holder[0] = loop;
    loop.start();
    return new Handoff(request -> {
      Slot slot = new Slot(request, Thread.currentThread());
      queue.add(slot);
      if (parked.get()) {
        LockSupport.unpark(holder[0]);
      }
      long start = System.nanoTime();
      while (slot.result == null && System.nanoTime() - start < spinNanos) {
        Thread.onSpinWait();
      }
      if (slot.result == null) {
        slot.parked = true;
        while (slot.result == null) {
          LockSupport.parkNanos(slot, 1_000_000);
        }
      }
      return slot.result;
    }, () -> {
      running.set(false);
      LockSupport.unpark(holder[0]);
    });
  }

  private static final class Slot {
    final byte[] request;
    final Thread caller;
    volatile byte[] result;
    volatile boolean parked;

    Slot(byte[] request, Thread caller) {
      this.request = request;
      this.caller = caller;
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
