package io.ipc4j.internal.codec;

/**
 * Encodes and decodes IPC values with the record and enum codecs of one side: the host has one, each renderer its
 * own ({@link #registry()}). Every payload crosses it, in process too, so behaviour never depends on the transport.
 * A record or enum is encoded only with a codec of the sending side (else it is refused with an
 * {@link io.ipc4j.IpcCloneException} that says how to add one); a receiving side without its codec gets the
 * untyped form (see extension types 6 and 7 below), which generated code converts back.
 *
 * <h2>Wire format</h2>
 * Standard MessagePack where a standard form exists:
 * <ul>
 *   <li>null → nil; Boolean → bool; Byte/Short/Integer/Long → the smallest int form; Float → float32; Double →
 *       float64 (bits kept: NaN, ±Infinity, -0.0); String → str (UTF-8); byte[] → bin; List and Object[] → array;
 *       Map → map (keys may be any value).</li>
 *   <li>Instant → the timestamp extension, type -1 (32, 64 or 96-bit form as the MessagePack spec gives).</li>
 * </ul>
 * Application extension types (payload described after the type):
 * <ul>
 *   <li>1 Set: a MessagePack array of the elements.</li>
 *   <li>2 primitive array other than byte[]: one kind byte ({@code Z} boolean, {@code C} char, {@code S} short,
 *       {@code I} int, {@code J} long, {@code F} float, {@code D} double), then the elements big-endian at fixed
 *       width (boolean 1 byte, 0 or 1; char and short 2; int and float 4; long and double 8).</li>
 *   <li>3 Character: 2 bytes big-endian.</li>
 *   <li>4 BigInteger: two's-complement big-endian bytes.</li>
 *   <li>5 BigDecimal: a MessagePack int scale, then the unscaled value's two's-complement big-endian bytes.</li>
 *   <li>6 record: a MessagePack str wire name (the record's binary class name), then a map of component name to
 *       value in declaration order. A missing component decodes as null; a key that names none is ignored (of up to
 *       64 keys, none is hashed). A side with no codec decodes the map: a {@code LinkedHashMap} of name to value.</li>
 *   <li>7 enum: a str wire name, then a str constant name. A side with no codec for the name decodes the constant's
 *       name, a {@code String}.</li>
 *   <li>8 Duration: int seconds, then int nanoseconds.</li>
 *   <li>9 UUID: 16 bytes, most then least significant half, big-endian.</li>
 * </ul>
 * Decoding gives: integers as {@code Integer} when they fit in an int, else {@code Long} ({@code BigInteger} above
 * {@code Long.MAX_VALUE}); arrays as {@code ArrayList}; maps as {@code LinkedHashMap}; sets as
 * {@code LinkedHashSet}; everything else as the type it was sent as. Call arguments are one array of the arguments.
 *
 * <h2>Limits</h2>
 * Decoding never trusts its input; what it costs is bounded by the input's size, and anything outside these limits
 * is a {@link MalformedValueException} (never an {@code ArithmeticException}, {@code ClassCastException},
 * {@code OutOfMemoryError}, {@code StackOverflowError} or the like):
 * <ul>
 *   <li>lengths and counts are checked against the bytes that remain, and nothing is pre-sized from a count: what is
 *       allocated is a small constant factor of the input's bytes, plus a small constant (ValueDecoderAllocationTest
 *       holds the factor);</li>
 *   <li>values nest at most {@link #MAX_DEPTH} levels (every value is a level; so are a set's array and a record's
 *       map);</li>
 *   <li>a map or set holds at most {@link #MAX_KEYS_PER_HASH} keys with one hash code, at most
 *       {@link #MAX_NESTED_KEYS_PER_HASH} among its keys that hold a map or set, and no two among its keys that hold a
 *       map or set with such keys; maps and sets nest through keys at most {@link #MAX_KEY_NESTING} levels. So time
 *       is linear in the input, colliding hash codes included;</li>
 *   <li>timestamp and duration nanoseconds are 0 to 999,999,999, timestamp seconds within {@code Instant}'s range,
 *       duration seconds an integer of at most 64 bits;</li>
 *   <li>a record whose codec refuses its components, or an enum constant the receiver's codec lacks, is
 *       malformed.</li>
 * </ul>
 */
public final class ValueCodec {
  /** How deep values may nest, in both directions. */
  public static final int MAX_DEPTH = 512;

  /**
   * The most keys one map or set may hold with one hash code ({@code hashCode()} of the decoded key): with fewer,
   * each insert makes fewer than this many {@code equals} calls, so a map costs at most this factor times its bytes.
   */
  public static final int MAX_KEYS_PER_HASH = 64;

  /**
   * The most keys one map or set may hold with one hash code among its keys that hold a map or set (a
   * {@code Set<Set<String>>}'s elements, say). Comparing two such keys looks keys up in the other, each lookup
   * comparing up to {@link #MAX_KEYS_PER_HASH} keys; with this cap, and no two keys with one hash code among keys
   * that hold such maps, no comparison costs more than this times {@code MAX_KEYS_PER_HASH} per byte compared.
   */
  public static final int MAX_NESTED_KEYS_PER_HASH = 8;

  /**
   * How deep maps and sets may nest through keys: a map whose keys are sets of maps is 3 levels deep. A key's hash
   * code is computed again for every key it is part of, so this bounds hashing to this many times the input.
   */
  public static final int MAX_KEY_NESTING = 16;

  /**
   * The least length of a {@code byte[]} that is copied whole rather than encoded and decoded, when it is the only
   * argument or the value ({@link #copyArgs}, {@link #copyValue}); a frame carries such an array as it is, too.
   */
  public static final int LARGE_ARRAY_BYTES = 64 * 1024;

  /**
   * @param args arguments, or null
   * @return whether they are one {@code byte[]} of at least {@link #LARGE_ARRAY_BYTES}
   */
  public static boolean isOneLargeArray(Object[] args) {
    return args != null && args.length == 1 && isLargeArray(args[0]);
  }

  /**
   * @param value a value
   * @return whether it is a {@code byte[]} of at least {@link #LARGE_ARRAY_BYTES}
   */
  public static boolean isLargeArray(Object value) {
    return value instanceof byte[] bytes && bytes.length >= LARGE_ARRAY_BYTES;
  }

  static final int EXT_TIMESTAMP = -1;
  static final int EXT_SET = 1;
  static final int EXT_PRIMITIVE_ARRAY = 2;
  static final int EXT_CHARACTER = 3;
  static final int EXT_BIG_INTEGER = 4;
  static final int EXT_BIG_DECIMAL = 5;
  static final int EXT_RECORD = 6;
  static final int EXT_ENUM = 7;
  static final int EXT_DURATION = 8;
  static final int EXT_UUID = 9;

  private final CodecRegistry registry;
  /** Each thread's encoder and decoder for this codec, reused from value to value. */
  private final ThreadLocal<CodecScratch> scratch = ThreadLocal.withInitial(CodecScratch::new);

  /**
   * A codec that encodes and decodes records and enums with the codecs in {@code registry}.
   *
   * @param registry the codecs of the side that owns this codec
   */
  public ValueCodec(CodecRegistry registry) {
    this.registry = java.util.Objects.requireNonNull(registry, "registry");
  }

  /**
   * The record and enum codecs this codec uses; codecs added to it are used from the next value on.
   *
   * @return the registry
   */
  public CodecRegistry registry() {
    return registry;
  }

  /** The calling thread's scratch for this codec. */
  CodecScratch scratch() {
    return scratch.get();
  }

  /**
   * Encodes call arguments as one MessagePack array; a null array means no arguments.
   *
   * @param args the arguments
   * @return the encoding
   * @throws io.ipc4j.IpcCloneException if an argument cannot be encoded; its path starts with {@code [index]}
   */
  public byte[] encodeArgs(Object[] args) {
    return encode(args, true, argsHint(args));
  }

  private static int argsHint(Object[] args) {
    int hint = 5;
    if (args != null) {
      hint = args.length < 16 ? 1 : 3;
      for (Object arg : args) {
        hint += sizeHint(arg);
      }
    }
    return hint;
  }

  /**
   * Encodes arguments or one value with the thread's scratch encoder (see {@link CodecScratch}), copied out once; or,
   * when the value is known to be large or the scratch is busy, with a writer of its own whose buffer it returns.
   */
  private byte[] encode(Object what, boolean isArgs, int hint) {
    CodecScratch scratch = hint <= CodecScratch.KEEP ? scratch() : null;
    ValueEncoder reused = scratch == null ? null : scratch.encoder(registry);
    if (reused == null) {
      MessagePackWriter out = new MessagePackWriter(hint);
      write(new ValueEncoder(registry, out), what, isArgs);
      return out.toByteArray();
    }
    try {
      write(reused, what, isArgs);
      return reused.out().copyOut();
    } finally {
      scratch.release(reused);
    }
  }

  private static void write(ValueEncoder encoder, Object what, boolean isArgs) {
    if (isArgs) {
      encoder.writeArgs((Object[]) what);
    } else {
      encoder.writeValue(what);
    }
  }

  /**
   * A first guess at a value's encoded size: exact for byte arrays and ASCII strings, so that a large such value
   * fills a buffer of its own exactly and is handed over without growing or copying it (smaller values go through
   * the thread's scratch, see {@link CodecScratch}).
   */
  static int sizeHint(Object value) {
    if (value instanceof byte[] bytes) {
      int n = bytes.length;
      return n + (n < 256 ? 2 : n < 65536 ? 3 : 5);
    }
    if (value instanceof String string) {
      int n = string.length();
      return n + (n < 32 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : 5);
    }
    return 16;
  }

  /**
   * Copies call arguments for a receiver in this JVM as sending them would: encoded with this codec's codecs (into
   * the thread's scratch when they are small), then decoded from there with {@code receiver}'s, so that no encoding
   * is handed over. {@link #copiedBytes()} then tells the size of the encoding.
   *
   * @param args the arguments
   * @param receiver the codec of the side that receives them
   * @return the receiver's copy
   * @throws io.ipc4j.IpcCloneException if an argument cannot be encoded, as {@link #encodeArgs} does
   * @throws Undecodable if the receiver cannot decode them: its cause is what decoding threw
   */
  public Object[] copyArgs(Object[] args, ValueCodec receiver) {
    if (isOneLargeArray(args)) {
      scratch().copiedBytes = argsHint(args); // exact for one array
      return new Object[] {((byte[]) args[0]).clone()};
    }
    return (Object[]) copy(args, true, argsHint(args), receiver);
  }

  /**
   * Copies one value for a receiver in this JVM, as {@link #copyArgs} copies arguments.
   *
   * @param value the value
   * @param receiver the codec of the side that receives it
   * @return the receiver's copy
   * @throws io.ipc4j.IpcCloneException if the value cannot be encoded, as {@link #encodeValue} does
   * @throws Undecodable if the receiver cannot decode it: its cause is what decoding threw
   */
  public Object copyValue(Object value, ValueCodec receiver) {
    if (isLargeArray(value)) {
      scratch().copiedBytes = sizeHint(value); // exact for an array
      return ((byte[]) value).clone();
    }
    return copy(value, false, sizeHint(value), receiver);
  }

  private Object copy(Object what, boolean isArgs, int hint, ValueCodec receiver) {
    CodecScratch scratch = scratch();
    ValueEncoder encoder = hint <= CodecScratch.KEEP ? scratch.encoder(registry) : null;
    if (encoder == null) { // large, or the scratch is busy (a codec copies from inside a value): an encoding of its own
      byte[] bytes = encode(what, isArgs, hint);
      scratch.copiedBytes = bytes.length;
      return receiver.decodeCopy(bytes, bytes.length, isArgs);
    }
    try {
      write(encoder, what, isArgs);
      MessagePackWriter out = encoder.out();
      scratch.copiedBytes = out.position();
      return receiver.decodeCopy(out.buffer(), out.position(), isArgs); // decoding copies every value out
    } finally {
      scratch.release(encoder);
    }
  }

  private Object decodeCopy(byte[] buf, int len, boolean isArgs) {
    try {
      return decode(buf, 0, len, isArgs);
    } catch (Throwable t) { // an Error too: it is the receiver's to answer with, as if it had decoded the bytes
      throw new Undecodable(t);
    }
  }

  /**
   * The size of the encoding of the arguments or value this thread copied last with this codec.
   *
   * @return its bytes
   */
  public int copiedBytes() {
    return scratch().copiedBytes;
  }

  /** What decoding a copy threw (the cause), for the receiver to answer with (see {@link #copyArgs}). */
  public static final class Undecodable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Undecodable(Throwable cause) {
      super(cause);
    }
  }

  /**
   * Decodes call arguments.
   *
   * @param bytes an encoding made by {@link #encodeArgs}
   * @return the arguments
   * @throws MalformedValueException if the bytes are malformed
   */
  public Object[] decodeArgs(byte[] bytes) {
    return decodeArgs(bytes, 0, bytes.length);
  }

  /**
   * Decodes call arguments from part of a buffer.
   *
   * @param buf the buffer
   * @param off where the encoding starts
   * @param len its length
   * @return the arguments
   * @throws MalformedValueException if the bytes are malformed
   */
  public Object[] decodeArgs(byte[] buf, int off, int len) {
    return (Object[]) decode(buf, off, len, true);
  }

  /** Decodes arguments or one value with the thread's decoder when it is free (see {@link CodecScratch}). */
  private Object decode(byte[] buf, int off, int len, boolean isArgs) {
    CodecScratch scratch = scratch();
    ValueDecoder in = scratch.decoder(registry, buf, off, len);
    boolean clean = false;
    try {
      Object decoded = isArgs ? in.readArgs() : in.read();
      in.expectEnd();
      clean = true;
      return decoded;
    } finally {
      scratch.release(in, clean);
    }
  }

  /**
   * Encodes one value.
   *
   * @param value the value
   * @return the encoding
   * @throws io.ipc4j.IpcCloneException if the value cannot be encoded
   */
  public byte[] encodeValue(Object value) {
    return encode(value, false, sizeHint(value));
  }

  /**
   * Decodes one value.
   *
   * @param bytes an encoding made by {@link #encodeValue}
   * @return the value
   * @throws MalformedValueException if the bytes are malformed
   */
  public Object decodeValue(byte[] bytes) {
    return decode(bytes, 0, bytes.length, false);
  }
}
