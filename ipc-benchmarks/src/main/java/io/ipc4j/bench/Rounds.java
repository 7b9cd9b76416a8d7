package io.ipc4j.bench;

import io.ipc4j.IpcRenderer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** How a renderer JVM of a timed scenario takes part: it says it is ready, then plays each round the host starts. */
final class Rounds {
  private Rounds() {}

  /** One round, timed in the renderer. */
  interface Round {
    /**
     * Plays one round.
     *
     * @param args the round's arguments, as the host sent them
     * @return what to report to the host
     */
    long[] play(Object[] args) throws Exception;
  }

  /**
   * Reports ready (an empty array on {@code result}), then plays a round for each message on {@code go} and reports
   * its result, until the host goes away; a host that starts no round for ten minutes fails it.
   */
  static void play(IpcRenderer ipc, String go, String result, Round round) throws Exception {
    BlockingQueue<Object[]> started = new LinkedBlockingQueue<>();
    ipc.on(go, (event, a) -> started.add(a));
    ipc.send(result, (Object) new long[0]); // ready
    while (true) {
      Object[] args = started.poll(10, TimeUnit.MINUTES);
      if (args == null) {
        throw new IllegalStateException("the host started no round for ten minutes");
      }
      ipc.send(result, (Object) round.play(args));
    }
  }
}
