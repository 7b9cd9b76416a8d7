package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipc4j.IpcHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Four renderer JVMs with a thousand invokes in flight each, every one waited on with a timed get: replies arrive
 * while the renderer's loop is settling the same futures, which once made a timed get give up at once.
 */
class TimedGetStressTest {
  static final int RENDERERS = 4;
  static final int CALLS = 1_000;
  static final int ROUNDS = Integer.getInteger("ipc4j.it.stressRounds", 3);

  static IpcHost.Builder childHost() {
    return IpcHost.builder().jvmOptions("-XX:TieredStopAtLevel=1", "-Xshare:auto")
        .shutdownGrace(Duration.ofSeconds(2));
  }

  @Test
  void fourChildrenWaitOnAThousandCallsEachWithATimedGetAndGetEveryReply() throws Exception {
    assumeTrue(Hosts.KIND.equals("sockets"), "renderer JVMs: run with the socket host");
    try (IpcHost host = childHost().overSockets()) {
      host.ipcMain().handle("echo", (event, args) -> List.of(args));
      BlockingQueue<List<Object>> rounds = new LinkedBlockingQueue<>();
      host.ipcMain().on("round", (event, args) -> rounds.add(List.of(event.sender().id(), args[0], args[1],
          args[2])));
      long start = System.nanoTime();
      for (int i = 0; i < RENDERERS; i++) {
        host.launchRenderer(Children.TimedEchoer.class, Integer.toString(ROUNDS), Integer.toString(CALLS));
      }
      List<List<Object>> seen = new ArrayList<>();
      for (int i = 0; i < RENDERERS * ROUNDS; i++) {
        List<Object> round = rounds.poll(60, TimeUnit.SECONDS);
        assertThat(round).isNotNull();
        seen.add(round);
      }
      System.out.printf("TimedGetStressTest: %d renderers x %d rounds x %d calls in %d ms%n", RENDERERS, ROUNDS,
          CALLS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      for (List<Object> round : seen) {
        assertThat(round.get(3)).isEqualTo(""); // no call failed, timed out or got another's reply
        assertThat(round.get(2)).isEqualTo(CALLS);
      }
    }
  }
}
