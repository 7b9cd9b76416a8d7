package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.Message;
import io.ipc4j.internal.codec.ValueCodec;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frames of docs/protocol.md, byte for byte. */
class FramesTest {
  /** A codec with no record or enum codecs: these tests send none. */
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

  private static Message roundTrip(Message message) throws Frames.ProtocolException {
    ByteBuffer body = ByteBuffer.wrap(frame(message));
    assertThat(body.getInt()).isEqualTo(body.remaining());
    return Frames.decode(body.get() & 0xff, body);
  }

  @Test
  void theInvokeExampleOfTheProtocolDocumentIsWhatWeSend() {
    byte[] bytes = frame(new Message.Invoke(7, 1, "notes:get", 30_000, CODEC.encodeArgs(new Object[] {42})));
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(
        "00000024" + "12" + "0000000000000007" + "00000001" + "00000009" + "6e6f7465733a676574"
            + "0000000000007530" + "912a");
  }

  @Test
  void everyMessageSurvivesItsFrame() throws Exception {
    byte[] p = CODEC.encodeArgs(new Object[] {"x", 1});
    for (Message m : List.of(new Message.Send(3, "ch", p), new Message.SendSync(9, 1, "ünï", p),
        new Message.Invoke(Long.MAX_VALUE, 2, "", Long.MAX_VALUE, p), new Message.OpenFrame(5), new Message.Push(4, "c", p),
        new Message.Reply(6, false, p), new Message.Reply(6, true, new byte[0]),
        new Message.CallRenderer(11, 3, "ask", 2500, p), new Message.RendererReply(11, false, p),
        new Message.RendererReply(12, true, new byte[0]), new Message.Cancel(13), new Message.CancelCall(14))) {
      Message back = roundTrip(m);
      assertThat(back.getClass()).isEqualTo(m.getClass());
      assertThat(frame(back)).isEqualTo(frame(m));
    }
  }

  @Test
  void aLargeArrayThatIsTheOnlyArgumentOrTheAnswerCrossesAsItIsUnderTheTypesHighBit() throws Exception {
    byte[] big = new byte[70_000];
    big[0] = 1;
    big[69_999] = 2;
    for (Message m : List.of(new Message.Send(1, "c", big, true), new Message.Push(2, "c", big, true),
        new Message.Invoke(7, 1, "c", 100, big, true),
        new Message.CallRenderer(8, 1, "c", 100, big, true), new Message.Reply(9, true, big, true),
        new Message.RendererReply(10, true, big, true))) {
      byte[] bytes = frame(m);
      assertThat(bytes[4] & 0xff).isEqualTo(Frames.AS_IS | frame(withoutAsIs(m))[4]);
      Message.WithPayload back = (Message.WithPayload) roundTrip(m);
      assertThat(back.asIs()).isTrue();
      assertThat(back.payload()).isEqualTo(big);
      assertThat(frame(back)).isEqualTo(bytes);
      // The payload is the array's bytes, after the fields, with no encoding around them.
      assertThat(java.util.Arrays.copyOfRange(bytes, bytes.length - big.length, bytes.length)).isEqualTo(big);
      Message.WithPayload encoded = (Message.WithPayload) withoutAsIs(m);
      assertThat(bytes.length - big.length).isEqualTo(frame(encoded).length - encoded.payload().length);
    }
  }

  private static Message withoutAsIs(Message m) {
    byte[] encoded = CODEC.encodeValue(((Message.WithPayload) m).payload());
    if (m instanceof Message.Send s) {
      return new Message.Send(s.frameId(), s.channel(), CODEC.encodeArgs(new Object[] {s.payload()}));
    } else if (m instanceof Message.Push p) {
      return new Message.Push(p.frameId(), p.channel(), CODEC.encodeArgs(new Object[] {p.payload()}));
    } else if (m instanceof Message.Invoke i) {
      return new Message.Invoke(i.callId(), i.frameId(), i.channel(), i.timeoutMillis(), CODEC.encodeArgs(
          new Object[] {i.payload()}));
    } else if (m instanceof Message.CallRenderer c) {
      return new Message.CallRenderer(c.callId(), c.frameId(), c.channel(), c.timeoutMillis(), CODEC.encodeArgs(
          new Object[] {c.payload()}));
    } else if (m instanceof Message.Reply r) {
      return new Message.Reply(r.callId(), true, encoded);
    }
    return new Message.RendererReply(((Message.RendererReply) m).callId(), true, encoded);
  }

  @Test
  void onlyMessagesCallsAndTheAnswersOfCallsThatSucceededMayCarryAnArrayAsItIs() {
    ByteBuffer sync = ByteBuffer.allocate(17).putLong(1).putInt(1).putInt(1).put((byte) 'c').flip();
    assertThat(assertThrows(Frames.ProtocolException.class,
        () -> Frames.decode(Frames.SEND_SYNC | Frames.AS_IS, sync)))
        .hasMessageThat().isEqualTo("unknown frame type 0x91");
    assertThat(assertThrows(Frames.ProtocolException.class,
        () -> Frames.decode(Frames.GOODBYE | Frames.AS_IS, ByteBuffer.allocate(0))))
        .hasMessageThat().isEqualTo("unknown frame type 0xb0");
    ByteBuffer failed = ByteBuffer.allocate(9).putLong(1).put((byte) 0).flip();
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.decode(Frames.REPLY | Frames.AS_IS, failed)))
        .hasMessageThat().isEqualTo("a failed REPLY with its payload as it is");
    ByteBuffer failedCall = ByteBuffer.allocate(9).putLong(1).put((byte) 0).flip();
    assertThat(assertThrows(Frames.ProtocolException.class,
        () -> Frames.decode(Frames.CALL_REPLY | Frames.AS_IS, failedCall)))
        .hasMessageThat().isEqualTo("a failed CALL_REPLY with its payload as it is");
  }

  @Test
  void theFramesOfTheHandshakeAndTheGoodbyeCarryNoMessage() {
    assertThat(assertThrows(Frames.ProtocolException.class,
        () -> Frames.decode(Frames.GOODBYE, ByteBuffer.allocate(0))))
        .hasMessageThat().isEqualTo("frame type 0x30 carries no message");
  }

  @Test
  void malformedFramesAreProtocolErrors() {
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.decode(0x7e, ByteBuffer.allocate(0))))
        .hasMessageThat().contains("unknown frame type 0x7e");
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.decode(Frames.INVOKE, ByteBuffer.allocate(3))))
        .hasMessageThat().contains("too short");
    ByteBuffer badChannel = ByteBuffer.allocate(8).putInt(1).putInt(1 << 30).flip();
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.decode(Frames.SEND, badChannel)))
        .hasMessageThat().contains("channel length");
    ByteBuffer badFlag = ByteBuffer.allocate(9).putLong(1).put((byte) 7).flip();
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.decode(Frames.REPLY, badFlag)))
        .hasMessageThat().contains("ok flag 7");
    ByteBuffer badCallFlag = ByteBuffer.allocate(9).putLong(1).put((byte) 2).flip();
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.decode(Frames.CALL_REPLY, badCallFlag)))
        .hasMessageThat().isEqualTo("CALL_REPLY with ok flag 2");
  }

  @Test
  void aCallOfTheMainProcessIsFramedAsTheProtocolDocumentSays() {
    byte[] call = frame(new Message.CallRenderer(3, 1, "dirty", 30_000, CODEC.encodeArgs(new Object[0])));
    assertThat(HexFormat.of().formatHex(call)).isEqualTo(
        "0000001f" + "22" + "0000000000000003" + "00000001" + "00000005" + "6469727479" + "0000000000007530" + "90");
    byte[] answer = frame(new Message.RendererReply(3, true, CODEC.encodeValue(true)));
    assertThat(HexFormat.of().formatHex(answer)).isEqualTo("0000000b" + "14" + "0000000000000003" + "01" + "c3");
  }

  @Test
  void theMainProcessesCallsAndTheirAnswersAreRefusedGoingTheOtherWay() throws Exception {
    byte[] p = CODEC.encodeArgs(new Object[0]);
    Frames.Head call = new Frames.Head(Frames.CALL, 1, 1, "c", false, 1000);
    Frames.Head answer = new Frames.Head(Frames.CALL_REPLY, 1, -1, null, true);
    assertThat(Frames.message(call, p, Message.Direction.TO_RENDERER)).isInstanceOf(Message.CallRenderer.class);
    assertThat(Frames.message(answer, p, Message.Direction.TO_MAIN)).isInstanceOf(Message.RendererReply.class);
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.message(call, p, Message.Direction.TO_MAIN)))
        .hasMessageThat().isEqualTo("a renderer sent a host-to-renderer frame");
    assertThat(assertThrows(Frames.ProtocolException.class,
        () -> Frames.message(answer, p, Message.Direction.TO_RENDERER)))
        .hasMessageThat().isEqualTo("the host sent a renderer-to-host frame");
  }

  @Test
  void eachEndRefusesAMessageThatGoesTheOtherWay() throws Exception {
    byte[] p = CODEC.encodeArgs(new Object[0]);
    Frames.Head push = new Frames.Head(Frames.PUSH, -1, 1, "c", false);
    Frames.Head send = new Frames.Head(Frames.SEND, -1, 1, "c", false);
    assertThat(Frames.message(push, p, Message.Direction.TO_RENDERER)).isInstanceOf(Message.Push.class);
    assertThat(Frames.message(send, p, Message.Direction.TO_MAIN)).isInstanceOf(Message.Send.class);
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.message(push, p, Message.Direction.TO_MAIN)))
        .hasMessageThat().isEqualTo("a renderer sent a host-to-renderer frame");
    assertThat(assertThrows(Frames.ProtocolException.class,
        () -> Frames.message(send, p, Message.Direction.TO_RENDERER)))
        .hasMessageThat().isEqualTo("the host sent a renderer-to-host frame");
  }

  @Test
  void aCancelIsFramedAsTheProtocolDocumentSaysAndRefusedGoingToARenderer() throws Exception {
    assertCancelFrame(new Message.Cancel(7), "15", Frames.CANCEL, Message.Direction.TO_MAIN,
        "the host sent a renderer-to-host frame", "a CANCEL");
  }

  @Test
  void theHostsCancelOfItsCallIsFramedAsTheProtocolDocumentSaysAndRefusedGoingToTheHost() throws Exception {
    assertCancelFrame(new Message.CancelCall(7), "23", Frames.CALL_CANCEL, Message.Direction.TO_RENDERER,
        "a renderer sent a host-to-renderer frame", "a CALL_CANCEL");
  }

  /** A cancel of call 7 is its type byte and the call id, goes one way only, and has no payload. */
  private static void assertCancelFrame(Message cancel, String typeHex, int type, Message.Direction way,
      String wrongWay, String name) throws Exception {
    assertThat(HexFormat.of().formatHex(frame(cancel))).isEqualTo("00000009" + typeHex + "0000000000000007");
    Frames.Head head = new Frames.Head(type, 7, -1, null, false);
    assertThat(Frames.message(head, new byte[0], way)).isEqualTo(cancel);
    Message.Direction other = way == Message.Direction.TO_MAIN ? Message.Direction.TO_RENDERER
        : Message.Direction.TO_MAIN;
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.message(head, new byte[0], other)))
        .hasMessageThat().isEqualTo(wrongWay);
    assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.message(head, new byte[] {1}, way)))
        .hasMessageThat().contains("left over in " + name + " frame");
  }

  @Test
  void anInvokeOrACallWithoutAPositiveTimeoutIsAProtocolError() {
    byte[] channel = "c".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int type : new int[] {Frames.INVOKE, Frames.CALL}) {
      String name = type == Frames.INVOKE ? "INVOKE" : "CALL";
      ByteBuffer zero = ByteBuffer.allocate(25).putLong(1).putInt(1).putInt(1).put(channel).putLong(0).flip();
      assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.decode(type, zero)))
          .hasMessageThat().isEqualTo(name + " with timeout 0 ms");
      ByteBuffer none = ByteBuffer.allocate(17).putLong(1).putInt(1).putInt(1).put(channel).flip();
      assertThat(assertThrows(Frames.ProtocolException.class, () -> Frames.decode(type, none)))
          .hasMessageThat().contains("too short");
    }
  }
}
