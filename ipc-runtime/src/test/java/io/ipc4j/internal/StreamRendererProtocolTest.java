package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcDisconnectedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A renderer's side of its streams against a host that breaks the protocol (an item beyond the requests, or of a
 * stream that is not open, or an end of one): as for a malformed frame, the renderer lets go of that host, and its
 * streams fail as disconnected, naming what the host did. Items within the requests still arrive first.
 */
class StreamRendererProtocolTest {
  private final RendererContext side = new RendererContext("test-renderer", Duration.ofSeconds(30), 0, null);
  private final List<Message> sent = new CopyOnWriteArrayList<>();
  private final List<Object> items = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();

  @AfterEach
  void close() {
    side.close("test over");
  }

  /** Opens a stream on "ticks" asking for one item, and returns its call id as the host saw it. */
  private long open() throws Exception {
    side.connect(sent::add);
    side.mainFrame().stream("ticks").subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(1);
      }

      @Override
      public void onNext(Object item) {
        items.add(item);
      }

      @Override
      public void onError(Throwable t) {
        failure.complete(t);
      }

      @Override
      public void onComplete() {
        failure.complete(null);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sent.stream().noneMatch(m -> m instanceof Message.StreamRequest) && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(sent.get(0)).isInstanceOf(Message.Stream.class);
    assertThat(sent.get(1)).isEqualTo(new Message.StreamRequest(((Message.Stream) sent.get(0)).callId(), 1));
    return ((Message.Stream) sent.get(0)).callId();
  }

  private Throwable failure() throws Exception {
    return failure.get(10, TimeUnit.SECONDS);
  }

  @Test
  void anItemBeyondTheRequestsEndsTheConnectionAfterTheItemsThatWereAskedFor() throws Exception {
    long id = open();
    side.toRenderer(new Message.StreamItem(id, side.values.encodeValue("asked for")));
    side.toRenderer(new Message.StreamItem(id, side.values.encodeValue("not asked for")));
    Throwable t = failure();
    assertThat(t).isInstanceOf(IpcDisconnectedException.class);
    assertThat(t).hasMessageThat().contains("The ipc4j host broke the protocol: it sent more items on 'ticks' than "
        + "were requested");
    assertThat(items).containsExactly("asked for");
    assertThat(side.isOpen()).isFalse();
  }

  @Test
  void anItemOrAnEndOfAStreamThatIsNotOpenEndsTheConnection() throws Exception {
    long id = open();
    side.toRenderer(new Message.StreamEnd(id + 1, true, StreamProducer.NO_PAYLOAD));
    assertThat(failure()).hasMessageThat().contains("it ended stream " + (id + 1) + ", which is not open");
    assertThat(side.isOpen()).isFalse();
    side.toRenderer(new Message.StreamItem(id, side.values.encodeValue("late"))); // after the close: dropped
    assertThat(items).isEmpty();
  }
}
