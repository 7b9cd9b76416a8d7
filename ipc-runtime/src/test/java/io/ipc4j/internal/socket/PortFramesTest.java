package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.internal.Message;
import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.codec.ValueCodec;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MessagePort frames of docs/protocol.md, byte for byte, and the ones a peer may not send. */
class PortFramesTest {
  private static final ValueCodec CODEC = new ValueCodec(new CodecRegistry());

  private static byte[] frame(Message message) {
    ByteBuffer header = Frames.header(message);
    byte[] payload = Frames.payload(message);
    ByteBuffer all = ByteBuffer.allocate(header.remaining() + (payload == null ? 0 : payload.length));
    all.put(header);
    if (payload != null) {
      all.put(payload);
    }
    return all.array();
  }

  private static Message decode(byte[] frame) throws Frames.ProtocolException {
    ByteBuffer body = ByteBuffer.wrap(frame);
    assertThat(body.getInt()).isEqualTo(body.remaining());
    return Frames.decode(body.get() & 0xff, body);
  }

  @Test
  void thePortPostExampleOfTheProtocolDocumentIsWhatWeSend() {
    byte[] bytes = frame(new Message.PortPost(0x1_0000_0001L, new long[] {-2}, CODEC.encodeValue("hi")));
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(
        "00000015" + "1b" + "0000000100000001" + "01" + "fffffffffffffffe" + "a26869");
  }

  @Test
  void everyPortMessageSurvivesItsFrame() throws Exception {
    byte[] p = CODEC.encodeValue(List.of("x", 1));
    long[] none = new long[0];
    long[] two = {-1, 0x7_0000_0003L};
    for (Message m : List.of(new Message.PortChannel(0x1_0000_0001L, 0x1_0000_0002L),
        new Message.PortPost(5, two, p), new Message.PortPost(5, none, new byte[0]), new Message.PortClose(-9),
        new Message.PostMessage(2, "ünï", two, p), new Message.PortReturn(6, none, p),
        new Message.PortDeliver(7, two, p), new Message.PortClosed(8), new Message.PostToRenderer(1, "", none, p))) {
      Message back = decode(frame(m));
      assertThat(back.getClass()).isEqualTo(m.getClass());
      assertThat(frame(back)).isEqualTo(frame(m));
    }
  }

  @Test
  void portFramesGoOneWayOnly() throws Exception {
    assertThat(new Message.PortDeliver(1, new long[0], new byte[0]).direction())
        .isEqualTo(Message.Direction.TO_RENDERER);
    assertThat(new Message.PortPost(1, new long[0], new byte[0]).direction()).isEqualTo(Message.Direction.TO_MAIN);
    ByteBuffer body = ByteBuffer.wrap(frame(new Message.PortClosed(3)));
    body.getInt();
    int type = body.get() & 0xff;
    Frames.Head head = Frames.head(type, body);
    assertThrows(Frames.ProtocolException.class, () -> Frames.message(head, new byte[0], Message.Direction.TO_MAIN));
  }

  @Test
  void moreThanSixtyFourPortsInOneFrameAreAProtocolError() {
    byte[] ok = frame(new Message.PortPost(1, new long[0], new byte[0]));
    ByteBuffer forged = ByteBuffer.allocate(ok.length + 65 * 8);
    forged.putInt(forged.capacity() - 4).put((byte) Frames.PORT_POST).putLong(1).put((byte) 65);
    Frames.ProtocolException e = assertThrows(Frames.ProtocolException.class, () -> decode(forged.array()));
    assertThat(e).hasMessageThat().contains("65 ports");
    assertThrows(IllegalArgumentException.class, () -> Frames.header(new Message.PortPost(1, new long[65],
        new byte[0])));
  }

  @Test
  void aShortOrOverlongPortFrameIsAProtocolError() {
    ByteBuffer shortPost = ByteBuffer.allocate(4 + 1 + 8 + 1 + 4).putInt(14).put((byte) Frames.PORT_POST).putLong(1)
        .put((byte) 1).putInt(0);
    assertThat(assertThrows(Frames.ProtocolException.class, () -> decode(shortPost.array()))).hasMessageThat()
        .contains("too short");
    ByteBuffer longClose = ByteBuffer.allocate(4 + 1 + 8 + 2).putInt(11).put((byte) Frames.PORT_CLOSE).putLong(1)
        .putShort((short) 7);
    assertThat(assertThrows(Frames.ProtocolException.class, () -> decode(longClose.array()))).hasMessageThat()
        .contains("PORT_CLOSE");
  }
}
