package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.internal.HostAccess;
import io.ipc4j.IpcHost;
import io.ipc4j.RenderProcessGoneDetails;
import io.ipc4j.RenderProcessGoneDetails.Reason;
import io.ipc4j.WebContents;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only a renderer with its one-time secret gets in; a peer that breaks the protocol is cut off alone. */
class SocketSecurityTest {
  private IpcHost host;

  @BeforeEach
  void open() {
    host = ChildProcessTest.host().handshakeTimeout(Duration.ofMillis(500)).overSockets();
    host.ipcMain().handle("ping", (event, args) -> "pong");
  }

  @AfterEach
  void close() {
    host.close();
  }

  private SocketChannel connect() throws Exception {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(HostAccess.socketDirectory(host).resolve("host.sock")));
    return channel;
  }

  /** Sends bytes and waits for the host to hang up; returns true if it did within 5 s. */
  private static boolean hostHangsUpAfter(SocketChannel channel, ByteBuffer... frames) throws Exception {
    for (ByteBuffer frame : frames) {
      while (frame.hasRemaining()) {
        channel.write(frame);
      }
    }
    CompletableFuture<Boolean> eof = CompletableFuture.supplyAsync(() -> {
      try {
        ByteBuffer sink = ByteBuffer.allocate(256);
        while (true) {
          if (channel.read(sink.clear()) < 0) {
            return true;
          }
        }
      } catch (Exception e) {
        return true; // reset by the host
      }
    });
    try {
      return eof.get(5, TimeUnit.SECONDS);
    } finally {
      channel.close();
    }
  }

  private void assertHostStillWorks() {
    assertThat(host.openRenderer().ipcRenderer().invoke("ping").join()).isEqualTo("pong");
  }

  @Test
  void aWrongSecretIsRefused() throws Exception {
    byte[] guess = new byte[32];
    new Random(1).nextBytes(guess);
    assertThat(hostHangsUpAfter(connect(), Frames.hello(guess))).isTrue();
    assertThat(host.allWebContents()).isEmpty();
    assertHostStillWorks();
  }

  @Test
  void aWrongVersionIsRefusedEvenWithTheRightSecret() throws Exception {
    for (int version : new int[] {Frames.VERSION - 1, Frames.VERSION + 1}) { // an older renderer, and a newer one
      ByteBuffer hello = Frames.hello(HostAccess.server(host).expectPeer().secret); // only the version is wrong
      hello.putShort(4 + 1 + Frames.MAGIC.length, (short) version);
      assertThat(hostHangsUpAfter(connect(), hello)).isTrue();
    }
    assertThat(host.allWebContents()).isEmpty();
    assertHostStillWorks();
  }

  @Test
  void garbageIsRefused() throws Exception {
    byte[] junk = new byte[300];
    new Random(2).nextBytes(junk);
    assertThat(hostHangsUpAfter(connect(), ByteBuffer.wrap(junk))).isTrue();
    assertHostStillWorks();
  }

  @Test
  void aHugeLengthPrefixIsRefusedBeforeAnythingIsAllocated() throws Exception {
    assertThat(hostHangsUpAfter(connect(), ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).flip())).isTrue();
    assertHostStillWorks();
  }

  @Test
  void silenceIsRefusedAfterTheHandshakeDeadline() throws Exception {
    assertThat(hostHangsUpAfter(connect())).isTrue();
    assertHostStillWorks();
  }

  @ParameterizedTest
  @ValueSource(strings = {"unknown-type", "huge-length", "foreign-frame", "host-frame", "call-frame",
      "call-cancel-frame"})
  void anAdmittedRendererThatBreaksTheProtocolIsCutOffAlone(String misdeed) throws Exception {
    BlockingQueue<RenderProcessGoneDetails> gone = new LinkedBlockingQueue<>();
    CompletableFuture<Void> destroyed = new CompletableFuture<>();
    host.ipcMain().on("ready", (event, args) -> event.setReturnValue(null));
    WebContents other = host.launchRenderer(ChildMains.Idler.class);
    WebContents rogue = host.launchRenderer(ChildMains.Rogue.class, misdeed);
    rogue.onRenderProcessGone(gone::add);
    rogue.onDestroyed(() -> destroyed.complete(null));
    rogue.send("go"); // the rogue misbehaves only now, so the listeners cannot miss its end
    destroyed.get(10, TimeUnit.SECONDS);
    assertThat(rogue.isDestroyed()).isTrue();
    RenderProcessGoneDetails details = gone.poll(5, TimeUnit.SECONDS);
    assertThat(details).isNotNull();
    assertThat(details.reason()).isAnyOf(Reason.CRASHED, Reason.CLEAN_EXIT);
    assertThat(other.isDestroyed()).isFalse();
    assertHostStillWorks();
  }
}
