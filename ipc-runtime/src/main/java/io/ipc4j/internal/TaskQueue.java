package io.ipc4j.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A queue of tasks for one consumer thread and any number of producers (an intrusive linked queue in the style of
 * Dmitry Vyukov's MPSC node queue). Offering is one atomic exchange; checking for work is a plain read that writes
 * nothing, so a consumer spinning on {@link #isEmpty()} does not slow the producers down.
 */
final class TaskQueue {
  private static final class Node {
    final Runnable task;
    volatile Node next;

    Node(Runnable task) {
      this.task = task;
    }
  }

  private final AtomicReference<Node> tail;
  private Node head; // consumer only: the last node taken (a stub at first)

  TaskQueue() {
    Node stub = new Node(null);
    head = stub;
    tail = new AtomicReference<>(stub);
  }

  /** Adds a task; any thread. */
  void offer(Runnable task) {
    Node node = new Node(task);
    Node previous = tail.getAndSet(node);
    previous.next = node;
  }

  /** Whether nothing is ready for the consumer; consumer thread only. */
  boolean isEmpty() {
    return head.next == null;
  }

  /** The next task, or null if none is ready; consumer thread only. */
  Runnable poll() {
    Node next = head.next;
    if (next == null) {
      return null;
    }
    head = next;
    return next.task;
  }
}
