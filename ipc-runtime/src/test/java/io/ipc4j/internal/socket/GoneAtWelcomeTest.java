package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.WebContents;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A renderer that goes the moment it has said HELLO (killed, say): the host's WELCOME finds its socket closed before
 * the main loop reads it. Its {@code WebContents} must still end as any renderer's does when its socket closes:
 * destroyed (which fires render-process-gone), so that its calls fail and its listeners hear of it.
 */
class GoneAtWelcomeTest {
  @Test
  void aRendererThatGoesRightAfterItsHelloIsDestroyed() throws Exception {
    try (IpcHost host = IpcHost.builder().overSockets()) {
      for (int round = 0; round < 5; round++) { // the socket may close before the WELCOME or after it: both end so
        TestPeer peer = TestPeer.ticketed(host);
        peer.hello();
        peer.close();
        WebContents contents = peer.admitted.get(10, TimeUnit.SECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!contents.isDestroyed() && System.nanoTime() < until) {
          Thread.sleep(10);
        }
        assertThat(contents.isDestroyed()).isTrue();
      }
    }
  }
}
