package io.ipc4j.bench;

import io.ipc4j.IpcMain;
import io.ipc4j.IpcRenderer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The renderer JVM of the stream rows: on each {@value #GO} it moves a number of 64-byte items one way and reports
 * the time per item, by one of three modes: {@code raw} (length-prefixed frames pipelined on a Unix socket of its own
 * to {@link StreamBench}'s sink, which acknowledges the last), {@code send} ({@code @Send} messages to the host, then
 * one {@code received()} call, answered after all of them) and {@code stream} (the host's handler streams the items
 * to a {@link WindowedSubscriber}). All three are timed here, from the first byte asked for to the last one known
 * to have arrived.
 */
public final class StreamRenderer {
  /** Starts a round; arguments: the mode, the number of items. */
  static final String GO = "bench:stream-go";
  /** A round's result, {@code long[] {nanoseconds per item}}; an empty array when the renderer is ready. */
  static final String RESULT = "bench:stream-result";
  /** The host's handler that streams items; arguments: the number of items, their size. */
  static final String ITEMS = "bench:items";
  static final int ITEM_BYTES = 64;

  private StreamRenderer() {}

  /**
   * Connects to the host and to the raw sink, then runs rounds until the host goes away.
   *
   * @param args the raw sink's socket path
   */
  public static void main(String[] args) throws Exception {
    IpcRenderer ipc = IpcRenderer.connect();
    EchoApi client = EchoApiIpc.client(ipc);
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(args[0]));
    Frames raw = new Frames(channel);
    byte[] payload = new byte[ITEM_BYTES];
    Rounds.play(ipc, GO, RESULT, round -> {
      long items = ((Number) round[1]).longValue();
      long perItem = switch ((String) round[0]) {
        case "raw" -> raw(raw, payload, items);
        case "send" -> timeSends(client, payload, items);
        case "stream" -> stream(ipc, items);
        default -> throw new IllegalArgumentException("no stream mode " + round[0]);
      };
      return new long[] {perItem};
    });
  }

  /** Makes {@code ipcMain} stream items on {@value #ITEMS}. */
  static void serveItems(IpcMain ipcMain) {
    ipcMain.handle(ITEMS, (event, args) ->
        new ItemsPublisher(new byte[((Number) args[1]).intValue()], ((Number) args[0]).longValue()));
  }

  /** Streams {@code items} items from the host of {@code ipc}; returns the time per item in nanoseconds. */
  static long stream(IpcRenderer ipc, long items) throws Exception {
    long start = System.nanoTime();
    WindowedSubscriber subscriber = new WindowedSubscriber(ITEM_BYTES);
    ipc.stream(ITEMS, items, ITEM_BYTES).subscribe(subscriber);
    long received = subscriber.done().get(10, TimeUnit.MINUTES);
    long elapsed = System.nanoTime() - start;
    if (received != items) {
      throw new AssertionError("streamed " + received + " items of " + items);
    }
    return elapsed / items;
  }

  /**
   * Sends {@code items} {@code @Send} messages of {@code payload}, then one call that is answered after all of them;
   * returns the time per message in nanoseconds.
   */
  static long timeSends(EchoApi client, byte[] payload, long items) {
    long before = client.received();
    long start = System.nanoTime();
    for (long i = 0; i < items; i++) {
      client.sink(payload);
    }
    long arrived = client.received() - before; // answered after every earlier message
    long elapsed = System.nanoTime() - start;
    if (arrived != items) {
      throw new AssertionError(arrived + " of " + items + " messages arrived");
    }
    return elapsed / items;
  }

  private static long raw(Frames frames, byte[] payload, long items) throws IOException {
    long start = System.nanoTime();
    frames.write(ByteBuffer.allocate(9).put((byte) 'S').putLong(items).array());
    for (long i = 0; i < items; i++) {
      frames.write(payload);
    }
    frames.read(); // the sink's acknowledgement of the last frame
    return (System.nanoTime() - start) / items;
  }
}
