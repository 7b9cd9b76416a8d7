package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The terms a host's WELCOME gives a renderer (docs/protocol.md): its default deadline and how long its waiting
 * threads spin before they park, 50 µs unless the host says otherwise. A spin shorter than a cross-process round trip
 * (about 25 µs for 64 bytes on two cores) runs out on every call, and then each reply costs a thread wake-up.
 */
class WelcomeTermsTest {
  @Test
  void aHostWelcomesWithItsDefaultDeadlineAndSpinTime() throws Exception {
    assertThat(IpcHost.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(30));
    assertThat(IpcHost.DEFAULT_SPIN_TIME).isEqualTo(Duration.ofNanos(50_000));
    try (IpcHost host = IpcHost.overSockets(); TestPeer peer = TestPeer.authenticated(host)) {
      assertThat(peer.defaultDeadlineMillis).isEqualTo(IpcHost.DEFAULT_TIMEOUT.toMillis());
      assertThat(peer.spinNanos).isEqualTo(IpcHost.DEFAULT_SPIN_TIME.toNanos());
    }
  }

  @Test
  void aHostWelcomesWithTheTermsItWasBuiltWith() throws Exception {
    try (IpcHost host = IpcHost.builder().defaultTimeout(Duration.ofSeconds(5)).spinTime(Duration.ZERO).overSockets();
        TestPeer peer = TestPeer.authenticated(host)) {
      assertThat(peer.defaultDeadlineMillis).isEqualTo(5_000);
      assertThat(peer.spinNanos).isEqualTo(0);
    }
  }
}
