package io.ipc4j.internal;

/**
 * A queue of tasks for one consumer thread and any number of producers (an intrusive linked queue in the style of
 * Dmitry Vyukov's MPSC node queue). Offering is one atomic exchange; checking for work is a plain read that writes
 * nothing, so a consumer spinning on {@link #isEmpty()} does not slow the producers down.
 *
 * <p>The consumer's end and the producers' tail are padded onto different cache lines, so a consumer taking tasks
 * does not keep stealing the line a producer is about to swap.
 */
final class TaskQueue {
  /** A queue node; one made for a plain task, or the task itself (see {@link Task}). */
  static class Node {
    private final Runnable task;
    volatile Node next;

    Node(Runnable task) {
      this.task = task;
    }

    Runnable task() {
      return task;
    }
  }

  /**
   * A task that is its own node, so that queuing it makes nothing: one per message handed to a loop. Each is queued
   * at most once (its link to the next is the queue's).
   */
  abstract static class Task extends Node implements Runnable {
    Task() {
      super(null);
    }

    @Override
    final Runnable task() {
      return this;
    }
  }

  /** The consumer's end: the last node taken (a stub at first), then padding. Consumer thread only. */
  @SuppressWarnings("unused")
  private static final class ConsumerEnd {
    Node head;
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
  }

  private final ConsumerEnd end = new ConsumerEnd();
  private final Padded.Ref<Node> tail;

  TaskQueue() {
    Node stub = new Node(null);
    end.head = stub;
    tail = new Padded.Ref<>(stub);
  }

  /** Adds a task; any thread. */
  void offer(Runnable task) {
    Node node = task instanceof Task own ? own : new Node(task);
    Node previous = tail.getAndSet(node);
    previous.next = node;
  }

  /** Whether nothing is ready for the consumer; consumer thread only. */
  boolean isEmpty() {
    return end.head.next == null;
  }

  /**
   * The task the consumer took last; any thread, for diagnostics. The read races with the consumer: it may see an
   * earlier node, never a broken one (a node's task is final).
   */
  Runnable current() {
    return end.head.task();
  }

  /** Hands each task queued now to {@code action}, oldest first, without taking it; consumer thread only. */
  void forEachQueued(java.util.function.Consumer<Runnable> action) {
    for (Node n = end.head.next; n != null; n = n.next) {
      action.accept(n.task());
    }
  }

  /** The next task, or null if none is ready; consumer thread only. */
  Runnable poll() {
    Node next = end.head.next;
    if (next == null) {
      return null;
    }
    end.head = next;
    return next.task();
  }
}
