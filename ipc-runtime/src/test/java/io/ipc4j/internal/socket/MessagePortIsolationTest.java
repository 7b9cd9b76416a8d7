package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.MessageChannelMain;
import io.ipc4j.MessagePort;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;
import io.ipc4j.internal.Message;
import io.ipc4j.internal.PortAccess;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN §11 for MessagePorts: a renderer may name only the ports it holds. One that posts on, closes, transfers or
 * hands back another's port, or makes a pair with ids not its own, is cut off like any renderer that breaks the
 * protocol; the port's holder and its peer see nothing of it, and keep talking.
 */
class MessagePortIsolationTest extends SocketHostTest {
  @ParameterizedTest
  @ValueSource(strings = {"post", "close", "transfer", "return", "channel"})
  void aRendererThatNamesAPortItDoesNotHoldIsCutOffAndThePortLivesOn(String misdeed) throws Exception {
    Renderer victim = host.openRenderer();
    CompletableFuture<MessagePort> victimPort = new CompletableFuture<>();
    victim.ipcRenderer().on("port", (event, args) -> {
      MessagePort port = event.ports().get(0);
      port.onMessage(message -> port.postMessage("echo:" + message.data()));
      port.start();
      victimPort.complete(port);
    });
    MessageChannelMain channel = new MessageChannelMain();
    BlockingQueue<Object> mainSide = new LinkedBlockingQueue<>();
    channel.port1().onMessage(message -> mainSide.add(message.data()));
    channel.port1().onClose(() -> mainSide.add("closed"));
    channel.port1().start();
    victim.webContents().postMessage("port", null, List.of(channel.port2()));
    long victimId = PortAccess.idOf(channel.port2()); // given when the pair became the host's
    victimPort.get(10, TimeUnit.SECONDS);
    BlockingQueue<Object> stolen = new LinkedBlockingQueue<>();
    host.ipcMain().on("steal", (event, args) -> stolen.add(event.ports()));

    WebContents rogue = host.launchRenderer(PortRogue.class, misdeed, Long.toString(victimId));
    CompletableFuture<Void> destroyed = new CompletableFuture<>();
    rogue.onDestroyed(() -> destroyed.complete(null));
    rogue.send("go");
    destroyed.get(20, TimeUnit.SECONDS);

    assertThat(mainSide.poll(300, TimeUnit.MILLISECONDS)).isNull(); // nothing delivered, nothing closed
    assertThat(stolen).isEmpty();
    channel.port1().postMessage("still here");
    assertThat(mainSide.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:still here");
  }

  @org.junit.jupiter.api.Test
  void closingAPortTheHostHasForgottenIsNotAViolation() throws Exception {
    // A close and the peer's close cross on the wire: by the time a renderer's PORT_CLOSE arrives, the host may
    // have closed and forgotten that port already. That renderer has done nothing wrong.
    MessageChannelMain channel = new MessageChannelMain();
    Renderer holder = host.openRenderer();
    CompletableFuture<Void> heard = new CompletableFuture<>();
    holder.ipcRenderer().on("port", (event, args) -> event.ports().get(0).onClose(() -> heard.complete(null)));
    holder.webContents().postMessage("port", null, List.of(channel.port2()));
    long forgotten = PortAccess.idOf(channel.port2()); // given when the pair became the host's
    channel.port1().close();
    heard.get(10, TimeUnit.SECONDS);
    BlockingQueue<Object> alive = new LinkedBlockingQueue<>();
    host.ipcMain().on("alive", (event, args) -> alive.add(args[0]));

    WebContents late = host.launchRenderer(PortRogue.class, "late-close", Long.toString(forgotten));
    late.send("go");

    assertThat(alive.poll(20, TimeUnit.SECONDS)).isEqualTo("after the close");
    assertThat(late.isDestroyed()).isFalse();
  }

  /** Handshakes by hand, waits for "go", then names the port args[1] as args[0] says. */
  public static final class PortRogue {
    public static void main(String[] args) throws Exception {
      Endpoint endpoint = Endpoint.parse(System.getenv(ChildConnector.ENDPOINT_ENV));
      byte[] secret = Files.readAllBytes(Path.of(System.getenv(ChildConnector.TICKET_ENV)));
      long victim = Long.parseLong(args[1]);
      byte[] payload = new io.ipc4j.internal.codec.ValueCodec(new io.ipc4j.internal.codec.CodecRegistry())
          .encodeValue("forged");
      try (SocketChannel channel = endpoint.connect()) {
        write(channel, Frames.hello(secret));
        ByteBuffer welcome = readFrame(channel);
        welcome.get(); // type
        long rendererId = welcome.getInt();
        readFrame(channel); // "go"
        Message forged = switch (args[0]) {
          case "post" -> new Message.PortPost(victim, new long[0], payload);
          case "close", "late-close" -> new Message.PortClose(victim);
          case "transfer" -> new Message.PostMessage(1, "steal", new long[] {victim}, payload);
          case "return" -> new Message.PortReturn(victim, new long[0], payload);
          case "channel" -> new Message.PortChannel(((rendererId + 1) << 32) | 1, ((rendererId + 1) << 32) | 2);
          default -> throw new IllegalArgumentException(args[0]);
        };
        byte[] body = Frames.payload(forged);
        write(channel, Frames.header(forged), ByteBuffer.wrap(body == null ? new byte[0] : body));
        if (args[0].equals("late-close")) { // then a message that shows the host still listens
          Message alive = new Message.Send(1, "alive", new io.ipc4j.internal.codec.ValueCodec(
              new io.ipc4j.internal.codec.CodecRegistry()).encodeArgs(new Object[] {"after the close"}));
          write(channel, Frames.header(alive), ByteBuffer.wrap(Frames.payload(alive)));
        }
        ByteBuffer sink = ByteBuffer.allocate(64);
        while (channel.read(sink.clear()) >= 0) {
          // wait until the host hangs up
        }
      }
      System.exit(0);
    }

    private static ByteBuffer readFrame(SocketChannel channel) throws Exception {
      ByteBuffer length = ByteBuffer.allocate(4);
      while (length.hasRemaining()) {
        channel.read(length);
      }
      ByteBuffer frame = ByteBuffer.allocate(length.flip().getInt());
      while (frame.hasRemaining()) {
        channel.read(frame);
      }
      return frame.flip();
    }

    private static void write(SocketChannel channel, ByteBuffer... buffers) throws Exception {
      for (ByteBuffer b : buffers) {
        while (b.hasRemaining()) {
          channel.write(b);
        }
      }
    }
  }
}
