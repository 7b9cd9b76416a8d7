package io.ipc4j.internal.codec;

import static com.google.common.truth.Truth.assertWithMessage;

import io.ipc4j.IpcException;
import io.ipc4j.internal.codec.AdversarialInputs.Attack;
import io.ipc4j.internal.codec.TestCodecs.Color;
import io.ipc4j.internal.codec.TestCodecs.Point;
import io.ipc4j.internal.codec.ValueDecoderDepthTest.Box;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the value decoder with valid values, encoded and then mutated. For every input, decoding gives a value or a
 * {@link MalformedValueException} (or the missing-codec {@link IpcException}), nothing else, and allocates at most
 * {@link ValueDecoderAllocationTest#FACTOR} bytes per input byte plus a constant. Every generated value round-trips.
 * Time is checked separately: decoding adversarial inputs costs a bounded multiple of a plain input's time per byte.
 *
 * <p>The seed is {@code -Dipc4j.fuzz.seed} (default fixed, printed). CI runs a few seconds; {@code
 * -Dipc4j.fuzz.seconds=N} runs the mutation property for N seconds and prints inputs per second, total and
 * failures (raise JUnit's timeout for it too):
 *
 * <pre>{@code
 * ./mvnw -q -B -ntp -pl ipc-runtime test -Dtest='ValueDecoderFuzzTest#mutated*' -Dipc4j.fuzz.seconds=180 \
 *     -Djunit.jupiter.execution.timeout.default=20m -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 *
 * A failing input is printed as hex, to become a regression test.
 */
class ValueDecoderFuzzTest {
  /** Codecs for no record or enum but the tests' own. */
  private static final ValueCodec CODEC = TestCodecs.codec(ValueDecoderDepthTest.BOX_CODEC);

  private static final long SEED = Long.getLong("ipc4j.fuzz.seed", 0x1bc4_7a11_d00d_5eedL);
  private static final int SECONDS = Integer.getInteger("ipc4j.fuzz.seconds", 0);
  private static final long CI_MUTATION_MILLIS = 7_000;
  private static final long CI_ROUND_TRIP_MILLIS = 2_000;
  private static final int MAX_PRINTED_FAILURES = 10;

  // ---- valid values ----

  /** Generates values of every supported kind, nested up to a few levels. */
  static final class Generator {
    private final SplittableRandom random;

    Generator(SplittableRandom random) {
      this.random = random;
    }

    Object value(int depth) {
      int kinds = depth <= 0 ? 24 : 32;
      int kind = random.nextInt(kinds);
      switch (kind) {
        case 0: return null;
        case 1: return random.nextBoolean();
        case 2: return random.nextInt(-40, 140);
        case 3: return random.nextInt();
        case 4: {
          long v = random.nextLong() >> random.nextInt(64);
          return v == (int) v ? (Object) (int) v : (Object) v;
        }
        case 5: return random.nextBoolean() ? Double.longBitsToDouble(random.nextLong())
            : new double[] {0.0, -0.0, Double.NaN, Double.MAX_VALUE, 1.5}[random.nextInt(5)];
        case 6: return Float.intBitsToFloat(random.nextInt());
        case 7: return string();
        case 8: return bytes(random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(8));
        case 9: return instant();
        case 10: return Duration.ofSeconds(random.nextLong() >> random.nextInt(64), random.nextInt(1_000_000_000));
        case 11: return new UUID(random.nextLong(), random.nextLong());
        case 12: return (char) random.nextInt(0x10000);
        case 13: return new BigInteger(random.nextInt(1, 200), new java.util.Random(random.nextLong()))
            .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
        case 14: return new BigDecimal(new BigInteger(random.nextInt(1, 100), new java.util.Random(random.nextLong())),
            random.nextInt() >> random.nextInt(32));
        case 15: return primitiveArray();
        case 16: return Color.values()[random.nextInt(2)];
        case 17: return new Point(random.nextInt(), random.nextInt());
        case 18: return string();
        case 19: return random.nextLong();
        case 20: return random.nextInt(-32, 0);
        case 21: return "";
        case 22: return new ArrayList<>();
        case 23: return new LinkedHashMap<>();
        case 24: case 25: case 26: {
          int n = random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(5);
          List<Object> list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            list.add(value(depth - 1));
          }
          return list;
        }
        case 27: case 28: return map(depth);
        case 29: {
          Set<Object> set = new LinkedHashSet<>();
          int n = random.nextInt(6);
          for (int i = 0; i < n; i++) {
            set.add(key(depth - 1));
          }
          return set;
        }
        case 30: {
          List<Point> points = new ArrayList<>();
          int n = random.nextInt(4);
          for (int i = 0; i < n; i++) {
            points.add(new Point(random.nextInt(), random.nextInt()));
          }
          return new TestCodecs.Shape(random.nextBoolean() ? null : string(), points, Color.values()[random.nextInt(2)]);
        }
        default: return new Box(value(depth - 1));
      }
    }

    private Map<Object, Object> map(int depth) {
      Map<Object, Object> map = new LinkedHashMap<>();
      if (random.nextInt(8) == 0) { // a big map: the hash code check runs above 64 keys
        int n = random.nextInt(65, 300);
        for (int i = 0; i < n; i++) {
          map.put(random.nextBoolean() ? string() + i : (Object) (random.nextInt() * 31 + i), value(0));
        }
        return map;
      }
      int n = random.nextInt(7);
      for (int i = 0; i < n; i++) {
        map.put(key(depth - 1), value(depth - 1));
      }
      return map;
    }

    /** Keys as applications use them; a key holds at most a set of scalars, so the key rules never refuse one. */
    private Object key(int depth) {
      switch (random.nextInt(9)) {
        case 0: return random.nextInt();
        case 1: return random.nextLong();
        case 2: return new UUID(random.nextLong(), random.nextLong());
        case 3: return List.of(random.nextInt(100), random.nextInt(100));
        case 4: return new Point(random.nextInt(50), random.nextInt(50));
        case 5: return Color.values()[random.nextInt(2)];
        case 6: return Set.of(string(), random.nextInt()).size() == 2 ? Set.of(string() + "!", random.nextInt()) : 0;
        case 7: return random.nextDouble();
        default: return string();
      }
    }

    private String string() {
      int n = random.nextInt(4) == 0 ? random.nextInt(200) : random.nextInt(12);
      StringBuilder s = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        int r = random.nextInt(10);
        s.appendCodePoint(r < 6 ? random.nextInt(0x20, 0x7f) : r < 8 ? random.nextInt(0x80, 0x800)
            : r < 9 ? random.nextInt(0x800, 0xd800) : random.nextInt(0x10000, 0x10ffff));
      }
      return s.toString();
    }

    private byte[] bytes(int n) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) random.nextInt();
      }
      return b;
    }

    private Instant instant() {
      switch (random.nextInt(4)) {
        case 0: return Instant.ofEpochSecond(random.nextLong(0, 1L << 32));
        case 1: return Instant.ofEpochSecond(random.nextLong(0, 1L << 34), random.nextInt(1_000_000_000));
        case 2: return Instant.ofEpochSecond(random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
            random.nextInt(1_000_000_000));
        default: return random.nextBoolean() ? Instant.MIN : Instant.MAX;
      }
    }

    private Object primitiveArray() {
      int n = random.nextInt(6);
      switch (random.nextInt(7)) {
        case 0: {
          boolean[] a = new boolean[n];
          for (int i = 0; i < n; i++) {
            a[i] = random.nextBoolean();
          }
          return a;
        }
        case 1: {
          char[] a = new char[n];
          for (int i = 0; i < n; i++) {
            a[i] = (char) random.nextInt();
          }
          return a;
        }
        case 2: {
          short[] a = new short[n];
          for (int i = 0; i < n; i++) {
            a[i] = (short) random.nextInt();
          }
          return a;
        }
        case 3: return random.ints(n).toArray();
        case 4: return random.longs(n).toArray();
        case 5: {
          float[] a = new float[n];
          for (int i = 0; i < n; i++) {
            a[i] = Float.intBitsToFloat(random.nextInt());
          }
          return a;
        }
        default: return random.doubles(n).toArray();
      }
    }
  }

  /** Equality as the wire keeps it: arrays by content, maps and sets in order, floating point by bits. */
  static boolean sameValue(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.getClass().isArray() || b.getClass().isArray()) {
      return a.getClass() == b.getClass() && Arrays.deepEquals(new Object[] {a}, new Object[] {b});
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return sameInOrder(x.iterator(), y.iterator(), x.size() == y.size());
    }
    if (a instanceof Set<?> x && b instanceof Set<?> y) {
      return sameInOrder(x.iterator(), y.iterator(), x.size() == y.size());
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator();
      Iterator<? extends Map.Entry<?, ?>> j = y.entrySet().iterator();
      while (i.hasNext()) {
        Map.Entry<?, ?> e = i.next();
        Map.Entry<?, ?> f = j.next();
        if (!sameValue(e.getKey(), f.getKey()) || !sameValue(e.getValue(), f.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Box x && b instanceof Box y) {
      return sameValue(x.content(), y.content());
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  private static boolean sameInOrder(Iterator<?> i, Iterator<?> j, boolean sameSize) {
    if (!sameSize) {
      return false;
    }
    while (i.hasNext()) {
      if (!sameValue(i.next(), j.next())) {
        return false;
      }
    }
    return true;
  }

  // ---- mutations ----

  private static final int[] INTERESTING = {0x00, 0xff, 0x7f, 0x80, 0xc0, 0xc1, 0x90, 0x91, 0x80, 0x81, 0xdd, 0xdf,
      0xc9, 0xd4, 0xd8, 0xcf, 0xd3, 0xa0, 0xdb, 0xc6};

  static byte[] mutate(byte[] input, byte[] other, SplittableRandom random) {
    byte[] b = input;
    int rounds = 1 + random.nextInt(4);
    for (int r = 0; r < rounds; r++) {
      b = mutateOnce(b, other, random);
    }
    return b;
  }

  private static byte[] mutateOnce(byte[] b, byte[] other, SplittableRandom random) {
    int n = b.length;
    switch (random.nextInt(10)) {
      case 0: { // flip bits
        if (n == 0) {
          return b;
        }
        byte[] c = b.clone();
        for (int k = 1 + random.nextInt(8); k > 0; k--) {
          c[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
        }
        return c;
      }
      case 1: { // an interesting byte
        if (n == 0) {
          return b;
        }
        byte[] c = b.clone();
        c[random.nextInt(n)] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
        return c;
      }
      case 2: { // insert a range, random or copied
        int at = random.nextInt(n + 1);
        byte[] insert;
        if (n > 0 && random.nextBoolean()) {
          int from = random.nextInt(n);
          insert = Arrays.copyOfRange(b, from, from + random.nextInt(1, Math.min(64, n - from) + 1));
        } else {
          insert = new byte[random.nextInt(1, 16)];
          for (int i = 0; i < insert.length; i++) {
            insert[i] = (byte) random.nextInt();
          }
        }
        return AdversarialInputs.concat(Arrays.copyOf(b, at), insert, Arrays.copyOfRange(b, at, n));
      }
      case 3: { // delete a range
        if (n == 0) {
          return b;
        }
        int from = random.nextInt(n);
        int to = Math.min(n, from + random.nextInt(1, 32));
        return AdversarialInputs.concat(Arrays.copyOf(b, from), Arrays.copyOfRange(b, to, n));
      }
      case 4: { // duplicate a range in place
        if (n == 0) {
          return b;
        }
        int from = random.nextInt(n);
        int to = Math.min(n, from + random.nextInt(1, 64));
        return AdversarialInputs.concat(Arrays.copyOf(b, to), Arrays.copyOfRange(b, from, n));
      }
      case 5: // truncate
        return n == 0 ? b : Arrays.copyOf(b, random.nextInt(n));
      case 6: { // splice: a prefix of one input, a suffix of another
        int at = random.nextInt(n + 1);
        int from = random.nextInt(other.length + 1);
        return AdversarialInputs.concat(Arrays.copyOf(b, at), Arrays.copyOfRange(other, from, other.length));
      }
      case 7: case 8: // rewrite a length or count
        return rewriteLength(b, random);
      default: { // wrap in deep nesting
        int levels = random.nextInt(4) == 0 ? random.nextInt(500, 530) : random.nextInt(1, 40);
        byte[] wrapper = new byte[levels];
        switch (random.nextInt(3)) {
          case 0:
            Arrays.fill(wrapper, (byte) 0x91);
            return AdversarialInputs.concat(wrapper, b);
          case 1: {
            byte[] maps = new byte[levels * 2];
            for (int i = 0; i < maps.length; i += 2) {
              maps[i] = (byte) 0x81;
              maps[i + 1] = (byte) 0xc0;
            }
            return AdversarialInputs.concat(maps, b);
          }
          default: {
            byte[] wrapped = b;
            for (int i = 0; i < Math.min(levels, 40); i++) {
              wrapped = AdversarialInputs.ext(1, AdversarialInputs.concat(AdversarialInputs.hex("91"), wrapped));
            }
            return wrapped;
          }
        }
      }
    }
  }

  /** Finds a length or count header and makes its value huge, negative, off by one or random. */
  private static byte[] rewriteLength(byte[] b, SplittableRandom random) {
    if (b.length == 0) {
      return b;
    }
    byte[] c = b.clone();
    int start = random.nextInt(c.length);
    for (int k = 0; k < c.length; k++) {
      int p = (start + k) % c.length;
      int h = c[p] & 0xff;
      int width = switch (h) {
        case 0xc4, 0xc7, 0xd9 -> 1;
        case 0xc5, 0xc8, 0xda, 0xdc, 0xde -> 2;
        case 0xc6, 0xc9, 0xdb, 0xdd, 0xdf -> 4;
        default -> 0;
      };
      if ((h & 0xf0) == 0x90 || (h & 0xf0) == 0x80 || (h & 0xe0) == 0xa0) {
        c[p] = (byte) ((h & 0xf0) | random.nextInt(16)); // a fix type's count in the low bits
        return c;
      }
      if (width > 0 && p + width < c.length) {
        long[] values = {0, 1, 0x7f, 0xff, 0xffff, 0x7fffffffL, 0xffffffffL, 0x80000000L, c.length, c.length - p,
            random.nextLong()};
        long v = values[random.nextInt(values.length)];
        if (random.nextBoolean()) {
          v += random.nextInt(-2, 3);
        }
        for (int i = 0; i < width; i++) {
          c[p + 1 + i] = (byte) (v >>> (8 * (width - 1 - i)));
        }
        return c;
      }
    }
    return c;
  }

  // ---- properties ----

  /** Why {@code input} breaks a property, or null. */
  static String check(byte[] input, boolean asArgs) {
    long before = AdversarialInputs.allocatedByThisThread();
    try {
      if (asArgs) {
        CODEC.decodeArgs(input);
      } else {
        CODEC.decodeValue(input);
      }
    } catch (MalformedValueException refused) {
      // the one way to refuse
    } catch (IpcException e) {
      if (!e.getMessage().startsWith("No codec registered for ")) {
        return "an IpcException that is not malformed-value: " + e;
      }
    } catch (Throwable e) {
      return "threw " + e;
    }
    long allocated = AdversarialInputs.allocatedByThisThread() - before;
    if (allocated > (long) ValueDecoderAllocationTest.FACTOR * input.length + ValueDecoderAllocationTest.CONSTANT) {
      return "allocated " + allocated + " bytes for " + input.length;
    }
    return null;
  }

  private static byte[] encodeSeed(Generator generator) {
    return CODEC.encodeValue(generator.value(4));
  }

  @Test
  void mutatedEncodingsDecodeOrAreMalformedWithinTheAllocationBound() {
    long millis = SECONDS > 0 ? SECONDS * 1000L : CI_MUTATION_MILLIS;
    SplittableRandom random = new SplittableRandom(SEED);
    Generator generator = new Generator(random.split());
    System.out.printf("fuzz: seed 0x%x, %d ms of mutated inputs%n", SEED, millis);
    List<byte[]> corpus = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      corpus.add(encodeSeed(generator));
    }
    long inputs = 0;
    long failures = 0;
    long bytes = 0;
    long start = System.nanoTime();
    long end = start + millis * 1_000_000;
    while (System.nanoTime() < end) {
      for (int batch = 0; batch < 100; batch++) {
        byte[] base = corpus.get(random.nextInt(corpus.size()));
        byte[] input = mutate(base, corpus.get(random.nextInt(corpus.size())), random);
        boolean asArgs = random.nextInt(4) == 0;
        if (asArgs) {
          input = AdversarialInputs.concat(AdversarialInputs.hex("91"), input);
        }
        inputs++;
        bytes += input.length;
        String failure = check(input, asArgs);
        if (failure != null) {
          failures++;
          if (failures <= MAX_PRINTED_FAILURES) {
            System.out.printf("fuzz FAILURE (%s): %s%n  input %s%n", asArgs ? "args" : "value", failure,
                AdversarialInputs.hex(input));
          }
        }
        if (random.nextInt(50) == 0) { // keep the corpus moving: new values, and mutants as new bases
          corpus.set(random.nextInt(corpus.size()), random.nextBoolean() ? encodeSeed(generator) : input);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("fuzz: %d inputs (%,d bytes) in %.1f s, %.0f inputs/s, %d failures%n", inputs, bytes, seconds,
        inputs / seconds, failures);
    assertWithMessage("fuzz failures with seed 0x%s (inputs printed above)", Long.toHexString(SEED))
        .that(failures).isEqualTo(0);
  }

  @Test
  void everyGeneratedValueDecodesToAnEqualValue() {
    SplittableRandom random = new SplittableRandom(SEED ^ 0x5eed);
    Generator generator = new Generator(random);
    long end = System.nanoTime() + CI_ROUND_TRIP_MILLIS * 1_000_000;
    int values = 0;
    while (System.nanoTime() < end) {
      Object value = generator.value(5);
      byte[] encoded = CODEC.encodeValue(value);
      Object back;
      try {
        back = CODEC.decodeValue(encoded);
      } catch (RuntimeException e) {
        throw new AssertionError("seed 0x" + Long.toHexString(SEED) + ": " + AdversarialInputs.hex(encoded), e);
      }
      assertWithMessage("seed 0x%s: %s", Long.toHexString(SEED), AdversarialInputs.hex(encoded))
          .that(sameValue(value, back)).isTrue();
      values++;
    }
    System.out.printf("round trip: %d values, seed 0x%x%n", values, SEED);
  }

  @Test
  void decodingTimePerByteOfAdversarialInputsStaysWithinAConstantOfAPlainInputs() {
    int size = 256 * 1024;
    byte[] plainInput = plainInput(size);
    List<Attack> shapes = AdversarialInputs.shapes();
    List<byte[]> small = new ArrayList<>();
    for (Attack shape : shapes) {
      small.add(shape.build().apply(16 * 1024));
    }
    long warmUntil = System.nanoTime() + 1_000_000_000L; // compiled code, not the interpreter, is what is compared
    while (System.nanoTime() < warmUntil) {
      nanosPerByte(plainInput);
      small.forEach(ValueDecoderFuzzTest::nanosPerByte);
    }
    double worst = 0;
    String worstName = "";
    for (Attack shape : shapes) {
      byte[] input = shape.build().apply(size);
      double plain = nanosPerByte(plainInput); // measured next to each shape, so that both see the same load
      double perByte = nanosPerByte(input);
      double ratio = perByte / Math.max(plain, 0.5);
      // The JIT's state at one moment can slow a shape several times over (code deoptimized, a hot method not yet
      // compiled again): a shape over the bound is warmed again and measured again, twice at most. A decoder that is
      // more than linear stays far over it every time (thousands of times a plain input's time at this size).
      for (int again = 0; again < 2 && ratio > TIME_FACTOR; again++) {
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
          nanosPerByte(input);
          nanosPerByte(plainInput);
        }
        System.out.printf("time: %s took %.1fx; measured again after warming it%n", shape.name(), ratio);
        double plainAgain = nanosPerByte(plainInput);
        double perByteAgain = nanosPerByte(input);
        if (perByteAgain / Math.max(plainAgain, 0.5) < ratio) {
          plain = plainAgain;
          perByte = perByteAgain;
          ratio = perByte / Math.max(plain, 0.5);
        }
      }
      if (ratio > worst) {
        worst = ratio;
        worstName = shape.name();
      }
      System.out.printf("time: %-55s %6.1f ns/byte, %5.1fx the plain input's %.1f%n", shape.name(), perByte, ratio,
          plain);
    }
    assertWithMessage(String.format("%s took %.1f times a plain input's time per byte", worstName, worst))
        .that(worst).isAtMost(TIME_FACTOR);
  }

  /**
   * The most time per byte an adversarial input may take against a plain one. Wide, for loaded machines; a quadratic
   * decoder is thousands of times slower at this size (the 20,000-key collision took 13 s for 240 KB).
   */
  private static final double TIME_FACTOR = 60;

  /** A list of records and maps of strings and numbers, as applications send, of about {@code size} bytes. */
  static byte[] plainInput(int size) {
    SplittableRandom random = new SplittableRandom(7);
    List<Object> items = new ArrayList<>();
    int bytes = 0;
    while (bytes < size) {
      Map<Object, Object> item = new LinkedHashMap<>();
      item.put("id", random.nextInt());
      item.put("name", "item " + random.nextInt(100_000));
      item.put("tags", List.of("a", "bb", "ccc"));
      item.put("at", new Point(random.nextInt(1000), random.nextInt(1000)));
      item.put("price", random.nextDouble());
      items.add(item);
      bytes += 60;
    }
    return CODEC.encodeValue(items);
  }

  /**
   * The fastest of five runs, after one to warm up, in this thread's CPU time: other processes and GC threads do not
   * count, and the fastest run is the one least disturbed by them.
   */
  private static double nanosPerByte(byte[] input) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] times = new long[5];
    for (int run = -1; run < times.length; run++) {
      long start = threads.getCurrentThreadCpuTime();
      try {
        CODEC.decodeValue(input);
      } catch (IpcException refused) {
        // timed either way
      }
      if (run >= 0) {
        times[run] = threads.getCurrentThreadCpuTime() - start;
      }
    }
    return (double) Arrays.stream(times).min().getAsLong() / input.length;
  }
}
