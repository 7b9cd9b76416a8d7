package io.ipc4j.internal.codec;

/** Encodes and decodes IPC values (placeholder; replaced by the MessagePack codec). */
public final class ValueCodec {
  private ValueCodec() {}

  /**
   * Encodes call arguments as one MessagePack array.
   *
   * @param args the arguments
   * @return the encoding
   */
  public static byte[] encodeArgs(Object[] args) {
    throw new UnsupportedOperationException("codec not yet built");
  }

  /**
   * Decodes call arguments.
   *
   * @param bytes an encoding made by {@link #encodeArgs}
   * @return the arguments
   */
  public static Object[] decodeArgs(byte[] bytes) {
    throw new UnsupportedOperationException("codec not yet built");
  }

  /**
   * Encodes one value.
   *
   * @param value the value
   * @return the encoding
   */
  public static byte[] encodeValue(Object value) {
    throw new UnsupportedOperationException("codec not yet built");
  }

  /**
   * Decodes one value.
   *
   * @param bytes an encoding made by {@link #encodeValue}
   * @return the value
   */
  public static Object decodeValue(byte[] bytes) {
    throw new UnsupportedOperationException("codec not yet built");
  }
}
