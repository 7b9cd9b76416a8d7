package io.ipc4j.internal;

/**
 * An {@link EventLoop} that also reads sockets itself, through its {@link Poller}: it polls them between tasks and
 * while it spins, and sleeps waiting on them (so a socket wakes it as a task does). Each poll is a system call, so
 * its spin has no busy phase: it yields from the first check.
 */
final class PollingLoop extends EventLoop {
  /** How many tasks in a row may run before the loop polls its sockets. */
  private static final int TASKS_PER_POLL = 64;

  private final Poller poller = new Poller();
  /** Tasks run since the sockets were last polled; the loop thread only. */
  private int sincePoll;

  PollingLoop(String name, long spinNanos, Scheduler scheduler) {
    super(name, spinNanos, 0, scheduler);
  }

  @Override
  boolean nothingToDo() {
    sincePoll = 0; // the loop is out of tasks: the count starts again with the next one
    return noTasks() && !poller.pollNow();
  }

  /**
   * Only the tasks: a loop that does not spin then sleeps on its sockets straight away, which is one system call
   * where a poll before it made two for each message that woke it.
   */
  @Override
  boolean nothingQueued() {
    sincePoll = 0;
    return noTasks();
  }

  @Override
  void afterTask() {
    poller.writeDeferred();
    if (++sincePoll == TASKS_PER_POLL) {
      sincePoll = 0;
      poller.pollNow(); // sockets get their turn even while tasks keep coming
    }
  }

  @Override
  void sleep() {
    poller.await();
  }

  @Override
  void wake() {
    poller.wakeUp();
  }

  @Override
  void stopped() {
    poller.close();
  }

  @Override
  Poller poller() {
    return poller;
  }
}
