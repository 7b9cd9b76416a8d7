package io.ipc4j.internal.socket;

/** The names of the frame types, as docs/protocol.md spells them, for the messages of a broken protocol. */
final class FrameNames {
  private FrameNames() {}

  /** The name of frame type {@code type}, or its number in hex when there is no such type. */
  static String of(int type) {
    return switch (type) {
      case Frames.HELLO -> "HELLO";
      case Frames.WELCOME -> "WELCOME";
      case Frames.SEND -> "SEND";
      case Frames.SEND_SYNC -> "SEND_SYNC";
      case Frames.INVOKE -> "INVOKE";
      case Frames.OPEN_FRAME -> "OPEN_FRAME";
      case Frames.CALL_REPLY -> "CALL_REPLY";
      case Frames.CANCEL -> "CANCEL";
      case Frames.STREAM -> "STREAM";
      case Frames.STREAM_REQUEST -> "STREAM_REQUEST";
      case Frames.CALL_STREAM_ITEM -> "CALL_STREAM_ITEM";
      case Frames.CALL_STREAM_END -> "CALL_STREAM_END";
      case Frames.PORT_CHANNEL -> "PORT_CHANNEL";
      case Frames.PORT_POST -> "PORT_POST";
      case Frames.PORT_CLOSE -> "PORT_CLOSE";
      case Frames.POST_MESSAGE -> "POST_MESSAGE";
      case Frames.PORT_RETURN -> "PORT_RETURN";
      case Frames.PUSH -> "PUSH";
      case Frames.REPLY -> "REPLY";
      case Frames.CALL -> "CALL";
      case Frames.CALL_CANCEL -> "CALL_CANCEL";
      case Frames.CALL_STREAM -> "CALL_STREAM";
      case Frames.CALL_STREAM_REQUEST -> "CALL_STREAM_REQUEST";
      case Frames.STREAM_ITEM -> "STREAM_ITEM";
      case Frames.STREAM_END -> "STREAM_END";
      case Frames.PORT_MESSAGE -> "PORT_MESSAGE";
      case Frames.PORT_CLOSED -> "PORT_CLOSED";
      case Frames.POST_TO_FRAME -> "POST_TO_FRAME";
      case Frames.GOODBYE -> "GOODBYE";
      default -> "0x" + Integer.toHexString(type);
    };
  }
}
