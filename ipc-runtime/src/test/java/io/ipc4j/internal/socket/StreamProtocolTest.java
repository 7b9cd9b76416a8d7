package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcHost;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;
import io.ipc4j.internal.Message;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Streams as a peer written from docs/protocol.md sees them on the wire: items come only as its STREAM_REQUESTs ask,
 * then STREAM_END; a CANCEL is answered with STREAM_END. A peer that sends an item beyond the host's requests, or for
 * a stream that is not open, or asks for no items, broke the protocol: it is cut off, the host's stream fails as
 * disconnected, and other renderers go on.
 */
class StreamProtocolTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Reads frames until one of {@code type} comes, and returns its fields after the type byte. */
  private static ByteBuffer next(TestPeer peer, int type) throws Exception {
    while (true) {
      ByteBuffer body = peer.readFrame(WAIT);
      if ((body.get() & 0xff) == type) {
        return body;
      }
    }
  }

  /** A publisher of 0, 1, 2, ... up to {@code count}, emitting only what is requested; counts what was asked. */
  private static Flow.Publisher<Object> counting(long count, AtomicLong asked, CompletableFuture<Void> cancelled) {
    return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
      private long next;

      @Override
      public synchronized void request(long n) {
        asked.addAndGet(n);
        for (long i = 0; i < n && next < count; i++) {
          subscriber.onNext(next++);
        }
        if (next == count) {
          next++;
          subscriber.onComplete();
        }
      }

      @Override
      public void cancel() {
        cancelled.complete(null);
      }
    });
  }

  @Test
  void aPeersStreamGetsItemsOnlyAsItsRequestsAskThenItsEnd() throws Exception {
    try (IpcHost host = ChildProcessTest.host().overSockets(); TestPeer peer = TestPeer.authenticated(host)) {
      AtomicLong asked = new AtomicLong();
      host.ipcMain().handle("count", (event, args) -> counting((Integer) args[0], asked, new CompletableFuture<>()));
      // STREAM: i64 call id 7, i32 frame 1, str "count", payload [3]; then STREAM_REQUEST asking for 2.
      peer.write(HexFormat.of().parseHex("0000001816" + "0000000000000007" + "00000001" + "00000005"
          + "636f756e74" + "9103"));
      peer.write(HexFormat.of().parseHex("0000001117" + "0000000000000007" + "0000000000000002"));
      for (int i = 0; i < 2; i++) {
        ByteBuffer item = next(peer, Frames.STREAM_ITEM);
        assertThat(item.getLong()).isEqualTo(7);
        assertThat(TestPeer.CODEC.decodeValue(rest(item))).isEqualTo(i);
      }
      assertThat(asked.get()).isEqualTo(2);
      peer.write(TestPeer.frame(new Message.StreamRequest(7, 5)));
      ByteBuffer last = next(peer, Frames.STREAM_ITEM);
      assertThat(last.getLong()).isEqualTo(7);
      assertThat(TestPeer.CODEC.decodeValue(rest(last))).isEqualTo(2);
      ByteBuffer end = next(peer, Frames.STREAM_END);
      assertThat(end.getLong()).isEqualTo(7);
      assertThat(end.get()).isEqualTo((byte) 1);
      assertThat(end.remaining()).isEqualTo(0);
    }
  }

  @Test
  void aPeersCancelStopsTheProducerAndIsAnsweredWithTheEnd() throws Exception {
    try (IpcHost host = ChildProcessTest.host().overSockets(); TestPeer peer = TestPeer.authenticated(host)) {
      CompletableFuture<Void> cancelled = new CompletableFuture<>();
      host.ipcMain().handle("endless", (event, args) -> counting(Long.MAX_VALUE, new AtomicLong(), cancelled));
      peer.write(TestPeer.frame(new Message.Stream(3, 1, "endless", TestPeer.args())));
      peer.write(TestPeer.frame(new Message.StreamRequest(3, 1)));
      assertThat(next(peer, Frames.STREAM_ITEM).getLong()).isEqualTo(3);
      peer.write(TestPeer.cancel(3));
      cancelled.get(10, TimeUnit.SECONDS);
      ByteBuffer end = next(peer, Frames.STREAM_END);
      assertThat(end.getLong()).isEqualTo(3);
      assertThat(end.get()).isEqualTo((byte) 1);
    }
  }

  /** The host streams from the peer: the peer learns the call id from CALL_STREAM and the demand from requests. */
  private static long openedByHost(TestPeer peer, WebContents contents, Flow.Subscriber<Object> subscriber)
      throws Exception {
    contents.stream("ticks").subscribe(subscriber);
    ByteBuffer open = next(peer, Frames.CALL_STREAM);
    return open.getLong();
  }

  private void assertCutOffAndOthersGoOn(IpcHost host, TestPeer peer, CompletableFuture<Throwable> failure)
      throws Exception {
    assertThat(peer.hostHangsUpWithin(WAIT)).isTrue();
    Throwable t = failure.get(10, TimeUnit.SECONDS);
    assertThat(t).isInstanceOf(IpcDisconnectedException.class);
    assertThat(t).hasMessageThat().contains("broke the protocol");
    host.ipcMain().handle("echo", (event, args) -> args[0]);
    try (Renderer other = host.openRenderer()) {
      assertThat(other.ipcRenderer().invoke("echo", "still here").get(10, TimeUnit.SECONDS))
          .isEqualTo("still here");
    }
  }

  @Test
  void aPeerThatSendsAnItemBeyondTheRequestsIsCutOff() throws Exception {
    try (IpcHost host = ChildProcessTest.host().overSockets(); TestPeer peer = TestPeer.authenticated(host)) {
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      long id = openedByHost(peer, peer.admitted.get(10, TimeUnit.SECONDS), new Subscriber(1, failure));
      ByteBuffer request = next(peer, Frames.CALL_STREAM_REQUEST);
      assertThat(request.getLong()).isEqualTo(id);
      assertThat(request.getLong()).isEqualTo(1);
      peer.write(TestPeer.frame(new Message.CallStreamItem(id, TestPeer.CODEC.encodeValue("asked for"))));
      peer.write(TestPeer.frame(new Message.CallStreamItem(id, TestPeer.CODEC.encodeValue("not asked for"))));
      assertCutOffAndOthersGoOn(host, peer, failure);
    }
  }

  @Test
  void aPeerThatSendsAnItemOfAStreamThatIsNotOpenIsCutOff() throws Exception {
    try (IpcHost host = ChildProcessTest.host().overSockets(); TestPeer peer = TestPeer.authenticated(host)) {
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      long id = openedByHost(peer, peer.admitted.get(10, TimeUnit.SECONDS), new Subscriber(1, failure));
      peer.write(TestPeer.frame(new Message.CallStreamItem(id + 1000, TestPeer.CODEC.encodeValue("who asked?"))));
      assertCutOffAndOthersGoOn(host, peer, failure);
    }
  }

  @Test
  void aPeerThatAsksForNoItemsIsCutOff() throws Exception {
    try (IpcHost host = ChildProcessTest.host().overSockets(); TestPeer peer = TestPeer.authenticated(host)) {
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      openedByHost(peer, peer.admitted.get(10, TimeUnit.SECONDS), new Subscriber(1, failure));
      peer.write(HexFormat.of().parseHex("0000001117" + "0000000000000001" + "0000000000000000"));
      assertThat(peer.hostHangsUpWithin(WAIT)).isTrue();
      assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(IpcDisconnectedException.class);
    }
  }

  private static byte[] rest(ByteBuffer b) {
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return bytes;
  }

  /** Requests {@code n} items on subscribe and reports how the stream fails. */
  private static final class Subscriber implements Flow.Subscriber<Object> {
    private final long n;
    private final CompletableFuture<Throwable> failure;

    Subscriber(long n, CompletableFuture<Throwable> failure) {
      this.n = n;
      this.failure = failure;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(n);
    }

    @Override
    public void onNext(Object item) {}

    @Override
    public void onError(Throwable t) {
      failure.complete(t);
    }

    @Override
    public void onComplete() {
      failure.complete(null);
    }
  }
}
