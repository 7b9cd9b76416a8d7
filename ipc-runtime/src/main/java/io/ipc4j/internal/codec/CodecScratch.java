package io.ipc4j.internal.codec;

/**
 * One thread's encoder and decoder for one {@link ValueCodec} (which keeps them per thread: no static state), kept
 * from one value to the next so that a call does not make a writer, an encoder and a decoder for each value it
 * sends or receives. What is encoded is still copied out into an array of
 * its own (that array travels to another thread); only the scratch stays here.
 *
 * <p>A thread uses its scratch for one value at a time: an encode or decode that starts while the thread's is busy
 * (a codec that encodes or decodes from inside another value) gets fresh ones, as before. A decode that failed, or
 * that left a large stack or key notes behind, lets its decoder go rather than reuse it; a writer whose buffer grew
 * past {@link #KEEP} bytes lets that buffer go.
 */
final class CodecScratch {
  /**
   * The largest buffer kept between values. A value whose size is known to be larger is encoded into a buffer of
   * exactly its size, handed over without a copy.
   */
  static final int KEEP = 4096;

  private final ValueEncoder encoder = new ValueEncoder(null, new MessagePackWriter(128));
  private boolean encoding;
  /** The encoded size of the arguments the thread copied last (see {@link ValueCodec#copyArgs}). */
  int copiedBytes;
  /** The thread's decoder once it has decoded a value, or null (none yet, or the last one was let go). */
  private ValueDecoder decoder;
  private boolean decoding;
  /** What a kept decoder points at between decodes, so that it keeps no reference to the last input. */
  private final byte[] noInput = new byte[0];

  /** The thread's encoder, with these codecs and an empty buffer; null while it is busy with another value. */
  ValueEncoder encoder(CodecRegistry codecs) {
    if (encoding) {
      return null;
    }
    encoding = true;
    encoder.codecs = codecs;
    return encoder;
  }

  /** Gives back the encoder that {@link #encoder} gave, whether its encode succeeded or not. */
  void release(ValueEncoder used) {
    used.clearPath();
    used.codecs = null;
    used.out().clear(KEEP);
    encoding = false;
  }

  /**
   * A decoder for this input: the thread's own when it is free (it becomes busy until {@link #release(ValueDecoder,
   * boolean)}), else a fresh one.
   *
   * @throws IllegalArgumentException if the range is not within {@code buf}
   */
  ValueDecoder decoder(CodecRegistry codecs, byte[] buf, int off, int len) {
    ValueDecoder kept = decoder;
    if (decoding || kept == null) {
      ValueDecoder fresh = new ValueDecoder(codecs, buf, off, len);
      if (!decoding) { // the thread's first decode, or the first since one was let go: keep this one
        decoder = fresh;
        decoding = true;
      }
      return fresh;
    }
    kept.reset(buf, off, len);
    kept.codecs = codecs;
    decoding = true;
    return kept;
  }

  /**
   * Gives back a decoder that {@link #decoder} gave.
   *
   * @param clean whether its decode ended without an exception
   */
  void release(ValueDecoder used, boolean clean) {
    if (used != decoder) {
      return; // a fresh one made while the thread's was busy
    }
    decoding = false;
    if (clean && used.reusable()) {
      used.reset(noInput, 0, 0);
      used.codecs = null;
    } else {
      decoder = null;
    }
  }
}
