package io.ipc4j.bench;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.Renderer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every round trip round runs its calls untimed for {@link Plan#PRIME_NANOS} before it times them, so that a row whose
 * threads idled through the other rows' turns is timed as a steady stream of calls is, in both modes.
 */
class PrimedRoundsTest {
  @Test
  void aTimedRoundCallsUntimedForThePrimeThenTimesItsIterations() throws Exception {
    Plan plan = new Plan(true, 1);
    List<Long> callStarts = new ArrayList<>();
    Plan.Round round = plan.timed(64, payload -> {
      callStarts.add(System.nanoTime());
      return payload;
    });
    Samples samples = new Samples();
    round.run(samples);

    int timed = plan.iterations(64);
    assertThat(samples.count()).isEqualTo(timed);
    assertThat(callStarts.size()).isGreaterThan(timed); // the primer's calls came first, untimed
    long firstTimed = callStarts.get(callStarts.size() - timed);
    assertThat(firstTimed - callStarts.get(0)).isAtLeast(Plan.PRIME_NANOS);
  }

  @Test
  void aPrimedMainLoopRoundTimesOnlyItsCallsAfterThePrime() throws Exception {
    try (IpcHost host = IpcHost.inProcess()) {
      Renderer renderer = host.openRenderer();
      AtomicInteger served = new AtomicInteger();
      renderer.ipcRenderer().handle(EchoApiIpc.ECHO, (event, args) -> {
        served.incrementAndGet();
        return args[0];
      });
      MainLoopCalls onLoop = new MainLoopCalls(host);
      byte[] payload = new byte[64];

      long start = System.nanoTime();
      long[] primed = onLoop.round(payload, 50, true, n -> renderer.ipcRenderer().send(MainLoopCalls.START, n));
      assertThat(System.nanoTime() - start).isAtLeast(Plan.PRIME_NANOS);
      assertThat(primed).hasLength(50);
      assertThat(served.get()).isGreaterThan(50);
      for (long nanos : primed) {
        assertThat(nanos).isGreaterThan(0L);
      }

      served.set(0);
      long[] unprimed = onLoop.round(payload, 50, false, n -> renderer.ipcRenderer().send(MainLoopCalls.START, n));
      assertThat(unprimed).hasLength(50);
      assertThat(served.get()).isEqualTo(50); // a warm-up round: no primer
    }
  }
}
