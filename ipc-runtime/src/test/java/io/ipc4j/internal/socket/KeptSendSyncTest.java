package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcMainEvent;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A peer's sendSyncs that a listener keeps to answer later, as the host's interceptors see them end
 * (docs/protocol.md, "sendSync"): a CANCEL with its id ends one as cancelled, and so does a SEND_SYNC that uses its id
 * again (a peer does so only for a call it stopped waiting for); a CANCEL for an id the host does not keep changes
 * nothing. Each ends once: an answer set later is not reported.
 */
class KeptSendSyncTest {
  private static final String CANCELLED =
      "later: java.util.concurrent.CancellationException: The caller of 'later' stopped waiting for its answer";

  @Test
  void aCancelOrAnotherSendSyncWithItsIdEndsAKeptSendSyncOnceAsCancelled() throws Exception {
    BlockingQueue<String> ended = new LinkedBlockingQueue<>();
    List<IpcMainEvent> kept = new CopyOnWriteArrayList<>();
    IpcHost.Builder builder = IpcHost.builder()
        .interceptor(message -> (took, failure) -> ended.add(message.channel() + ": " + failure));
    try (IpcHost host = builder.overSockets(); TestPeer peer = TestPeer.authenticated(host)) {
      host.ipcMain().on("later", (event, args) -> kept.add(event));
      peer.write(TestPeer.sendSync(7, "later", TestPeer.args("first")));
      peer.write(TestPeer.cancel(99)); // no call of the host's: nothing ends
      peer.write(TestPeer.sendSync(7, "later", TestPeer.args("second")));
      assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo(CANCELLED); // the first: its id is the second's now
      assertThat(ended.poll(200, TimeUnit.MILLISECONDS)).isNull();
      assertThat(kept).hasSize(2);

      peer.write(TestPeer.cancel(7));
      assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo(CANCELLED); // the second
      kept.forEach(event -> event.setReturnValue("too late"));
      assertThat(ended.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
  }
}
