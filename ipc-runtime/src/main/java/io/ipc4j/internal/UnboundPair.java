package io.ipc4j.internal;

import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.codec.ValueCodec;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * What a pair of main-side ports runs on and decodes with while it belongs to no host ({@code new
 * MessageChannelMain()} before either port is passed to a renderer). Its loop runs the pair's tasks one at a time,
 * in the order given, as tasks of {@link ForkJoinPool#commonPool()}, so an idle pair holds no thread; its codec
 * knows the built-in value types and is made when first needed. Each pair has its own: pairs share nothing.
 */
final class UnboundPair implements Executor {
  private static final System.Logger LOG = Log.IPC4J;
  /** How many tasks one turn runs before it lets other work of the pool go first. */
  private static final int TURN = 64;

  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  /** Whether a turn is queued or running; guarded by {@link #tasks}. */
  private boolean scheduled;
  private ValueCodec values;

  /** Runs {@code task} after the pair's earlier tasks, never at the same time as one of them. */
  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    ForkJoinPool.commonPool().execute(this::turn);
  }

  private void turn() {
    for (int i = 0; i < TURN; i++) {
      Runnable task;
      synchronized (tasks) {
        task = tasks.poll();
        if (task == null) {
          scheduled = false;
          return;
        }
      }
      try {
        task.run();
      } catch (Throwable t) { // the pair's later tasks still run
        LOG.log(Level.WARNING, "ipc4j: a task of a port pair of no host failed", t);
      }
    }
    ForkJoinPool.commonPool().execute(this::turn); // still scheduled: the rest, after the pool's other work
  }

  /** The codec of the built-in value types, for the pair's messages. */
  synchronized ValueCodec values() {
    if (values == null) {
      values = new ValueCodec(new CodecRegistry());
    }
    return values;
  }
}
