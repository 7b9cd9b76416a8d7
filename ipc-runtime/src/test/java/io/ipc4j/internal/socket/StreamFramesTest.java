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

/** The stream frames of docs/protocol.md (0x16–0x19 and 0x24–0x27), byte for byte, and their rules. */
class StreamFramesTest {
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

  private static String hex(Message message) {
    return HexFormat.of().formatHex(frame(message));
  }

  @Test
  void theStreamExamplesOfTheProtocolDocumentAreWhatWeSend() {
    assertThat(hex(new Message.Stream(7, 1, "log:tail", CODEC.encodeArgs(new Object[] {"app"}))))
        .isEqualTo("0000001e" + "16" + "0000000000000007" + "00000001" + "00000008" + "6c6f673a7461696c" + "91a3617070");
    assertThat(hex(new Message.StreamRequest(7, 16))).isEqualTo("00000011" + "17" + "0000000000000007"
        + "0000000000000010");
    assertThat(hex(new Message.StreamItem(7, CODEC.encodeValue("line")))).isEqualTo("0000000e" + "26"
        + "0000000000000007" + "a46c696e65");
    assertThat(hex(new Message.StreamEnd(7, true, new byte[0]))).isEqualTo("0000000a" + "27" + "0000000000000007"
        + "01");
  }

  @Test
  void everyStreamMessageSurvivesItsFrameAndGoesOneWay() throws Exception {
    byte[] p = CODEC.encodeArgs(new Object[] {"x", 1});
    List<Message> toMain = List.of(new Message.Stream(1, 2, "ch", p), new Message.StreamRequest(1, Long.MAX_VALUE),
        new Message.CallStreamItem(3, p), new Message.CallStreamEnd(3, false, p),
        new Message.CallStreamEnd(4, true, new byte[0]));
    List<Message> toRenderer = List.of(new Message.CallStream(5, 1, "ünï", p), new Message.CallStreamRequest(5, 1),
        new Message.StreamItem(6, p), new Message.StreamEnd(6, false, p), new Message.StreamEnd(7, true, new byte[0]));
    for (Message m : toMain) {
      assertThat(m.direction()).isEqualTo(Message.Direction.TO_MAIN);
    }
    for (Message m : toRenderer) {
      assertThat(m.direction()).isEqualTo(Message.Direction.TO_RENDERER);
    }
    for (Message m : List.of(toMain, toRenderer).stream().flatMap(List::stream).toList()) {
      ByteBuffer body = ByteBuffer.wrap(frame(m));
      assertThat(body.getInt()).isEqualTo(body.remaining());
      Message back = Frames.decode(body.get() & 0xff, body);
      assertThat(back.getClass()).isEqualTo(m.getClass());
      assertThat(frame(back)).isEqualTo(frame(m));
    }
  }

  @Test
  void aRequestForNoItemsOrAnEndWithABadFlagIsAProtocolError() {
    ByteBuffer zero = ByteBuffer.allocate(16).putLong(1).putLong(0).flip();
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.decode(Frames.STREAM_REQUEST, zero)))
        .hasMessageThat().isEqualTo("STREAM_REQUEST asking for 0 items");
    ByteBuffer negative = ByteBuffer.allocate(16).putLong(1).putLong(-5).flip();
    assertThat(assertThrows(Frames.ProtocolException.class,
        () -> Frames.decode(Frames.CALL_STREAM_REQUEST, negative)))
        .hasMessageThat().isEqualTo("CALL_STREAM_REQUEST asking for -5 items");
    ByteBuffer flag = ByteBuffer.allocate(9).putLong(1).put((byte) 2).flip();
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.decode(Frames.STREAM_END, flag)))
        .hasMessageThat().isEqualTo("STREAM_END with ok flag 2");
    ByteBuffer extra = ByteBuffer.allocate(17).putLong(1).putLong(1).put((byte) 0).flip();
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.decode(Frames.STREAM_REQUEST, extra)))
        .hasMessageThat().contains("left over in a STREAM_REQUEST frame");
    ByteBuffer shortItem = ByteBuffer.allocate(4).putInt(1).flip();
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.decode(Frames.CALL_STREAM_ITEM, shortItem)))
        .hasMessageThat().contains("too short");
  }
}
