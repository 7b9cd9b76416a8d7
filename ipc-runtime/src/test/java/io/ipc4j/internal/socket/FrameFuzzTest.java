package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertWithMessage;

import io.ipc4j.internal.HostAccess;
import io.ipc4j.internal.Message;
import io.ipc4j.IpcHost;
import io.ipc4j.LogCapture;
import io.ipc4j.Renderer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated, then mutated, handshakes and frame streams sent to one real host over its socket, one connection each:
 * bit flips, truncations, huge, negative and wrong lengths, wrong types, duplicated and inserted bytes, all split
 * at random points across writes. After every input the host has closed that connection (with a logged protocol
 * reason exactly when a reference reading of the bytes finds a violation), nothing has escaped its loops, the
 * loops allocated within a small factor of the bytes sent, and another renderer's echo still works.
 *
 * <p>A short run by default; {@code -Dipc4j.fuzz.seconds=N} runs longer and {@code -Dipc4j.fuzz.seed=S} repeats a
 * run (the seed is printed).
 */
class FrameFuzzTest {
  private static final int MAX_FRAME = 1 << 20;
  /** What the host may allocate for one input beyond a factor of its bytes: buffers of a fresh connection. */
  private static final long ALLOCATION_SLACK = 512 * 1024;
  private static final long ALLOCATION_FACTOR = 8;
  /** Inputs whose allocation is not checked: the first ones load classes and warm the loops up. */
  private static final int WARM_UP_INPUTS = 100;

  /** What a reference reading of an input expects the host to do with it. */
  private enum Expect {
    REFUSED,
    PROTOCOL_VIOLATION,
    CLEAN,
    /** A cut-off last frame whose first bytes break the protocol: the host may say so, or just see the end. */
    EITHER
  }

  private record Input(boolean ticketed, List<byte[]> frames, byte[] bytes, Expect expect, String violation) {}

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES) // the long mode; the default run takes seconds
  void mutatedHandshakesAndFrameStreamsNeverHurtTheHost() throws Exception {
    long seconds = Long.getLong("ipc4j.fuzz.seconds", 8);
    long seed = Long.getLong("ipc4j.fuzz.seed", System.nanoTime());
    System.out.printf("FrameFuzzTest: seed %d (-Dipc4j.fuzz.seed=%d repeats it), %d s%n", seed, seed, seconds);
    SplittableRandom random = new SplittableRandom(seed);
    ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-reader");
      t.setDaemon(true);
      return t;
    });
    try (IpcHost host = ChildProcessTest.host().maxFrameBytes(MAX_FRAME).handshakeTimeout(Duration.ofSeconds(5))
            .stallTime(Duration.ofSeconds(5)).maxPendingConnections(16).overSockets();
        LogCapture log = new LogCapture().quiet()) {
      host.ipcMain().handle("echo", (event, args) -> args.length == 0 ? null : args[0]);
      host.ipcMain().on("note", (event, args) -> { });
      host.ipcMain().on("sync", (event, args) -> event.setReturnValue(args.length));
      Renderer good = host.openRenderer();
      Thread mainLoop = FrameReadingLimitsTest.mainLoopThread(host);
      Thread acceptor = threadNamed("ipc4j-accept");
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      long start = System.nanoTime();
      int inputs = 0;
      int failures = 0;
      double worstFactor = 0;
      String worstFactorInput = "";
      Map<String, int[]> problems = new java.util.TreeMap<>();
      long worstAllocation = 0;
      Map<Expect, int[]> counts = new java.util.EnumMap<>(Expect.class);
      List<String> failed = new ArrayList<>();
      while (System.nanoTime() < end) {
        long inputSeed = random.nextLong();
        SplittableRandom r = new SplittableRandom(inputSeed);
        // Each input starts with an empty record list: adding to a long copy-on-write list would allocate on
        // the host's threads (which log) in proportion to the run so far.
        log.records.clear();
        int logMark = 0;
        long before = FrameReadingLimitsTest.allocatedBy(mainLoop) + FrameReadingLimitsTest.allocatedBy(acceptor);
        String problem;
        Input input = null;
        try {
          input = generate(r);
          problem = send(host, input, r, reader, log, logMark);
        } catch (Exception | AssertionError e) {
          problem = "the test's peer failed: " + e;
        }
        long allocated = FrameReadingLimitsTest.allocatedBy(mainLoop) + FrameReadingLimitsTest.allocatedBy(acceptor)
            - before;
        if (problem == null && input != null && inputs >= WARM_UP_INPUTS) {
          long bound = ALLOCATION_FACTOR * input.bytes.length + ALLOCATION_SLACK;
          if (allocated > bound) {
            problem = "the host's loops allocated " + allocated + " bytes for " + input.bytes.length + " sent";
          }
          worstAllocation = Math.max(worstAllocation, allocated);
          if (input.bytes.length >= 64 * 1024 && (double) allocated / input.bytes.length > worstFactor) {
            worstFactor = (double) allocated / input.bytes.length;
            worstFactorInput = " (seed " + inputSeed + ", " + input.bytes.length + " bytes)";
          }
        }
        if (problem == null) {
          problem = escapedFailure(since(log, logMark));
        }
        if (problem == null) {
          long echoStart = System.nanoTime();
          CompletableFuture<Object> echo = good.ipcRenderer().invoke("echo", "still here");
          long echoEnd = echoStart + TimeUnit.SECONDS.toNanos(5);
          while (!echo.isDone() && System.nanoTime() < echoEnd) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000); // a timed get can end early (issue 10)
          }
          Object echoed = echo.isDone() ? echo.join() : "nothing";
          long echoMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - echoStart);
          if (!"still here".equals(echoed) || echoMillis > 1_000) {
            problem = "the good renderer's echo gave " + echoed + " after " + echoMillis + " ms";
          }
        }
        inputs++;
        if (input != null) {
          counts.computeIfAbsent(input.expect, k -> new int[1])[0]++;
        }
        if (problem != null) {
          failures++;
          problems.computeIfAbsent(problem.replaceAll("[0-9]+", "N"), k -> new int[1])[0]++;
          if (failed.size() < 5) {
            failed.add("input " + inputs + " (seed " + inputSeed + ", " + (input == null ? "?" : input.expect
                + (input.violation == null ? "" : ": " + input.violation)) + "): " + problem + "\n  bytes: "
                + (input == null ? "?" : HexFormat.of().formatHex(input.bytes, 0, Math.min(256, input.bytes.length))));
          }
        }
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      StringBuilder kinds = new StringBuilder();
      counts.forEach((k, v) -> kinds.append(' ').append(k).append('=').append(v[0]));
      System.out.printf("FrameFuzzTest: %d inputs in %.1f s (%.0f per second), %d failures;%s; largest allocation"
              + " %,d bytes, largest factor for inputs of 64 KiB or more %.2f%s%n", inputs, elapsed, inputs / elapsed,
          failures, kinds, worstAllocation, worstFactor, worstFactorInput);
      problems.forEach((p, n) -> System.out.printf("FrameFuzzTest: %d x %s%n", n[0], p));
      assertWithMessage(String.join("\n", failed)).that(failures).isEqualTo(0);
      assertWithMessage("the host kept its loops").that(mainLoop.isAlive() && acceptor.isAlive()).isTrue();
    } finally {
      reader.shutdownNow();
    }
  }

  private static Thread threadNamed(String name) {
    Thread found = null;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name) && (found == null || t.getId() > found.getId())) {
        found = t;
      }
    }
    return found;
  }

  /**
   * The records logged since {@code mark}, as a snapshot: the host's threads go on logging while the test reads, and
   * a view of the live list would fail on their additions.
   */
  private static List<LogRecord> since(LogCapture log, int mark) {
    List<LogRecord> all = new java.util.ArrayList<>(log.records);
    return all.subList(Math.min(mark, all.size()), all.size());
  }

  /** A record that shows something escaped the host's handling: an internal error, or an Error of any kind. */
  private static String escapedFailure(List<LogRecord> records) {
    for (LogRecord record : records) {
      String text = LogCapture.text(record);
      if (record.getThrown() instanceof Error || text.contains("internal error") || text.contains("task failed")
          || text.contains("check failed") || text.contains("accepting renderers failed")) {
        return "the host logged " + record.getLevel() + " " + text + (record.getThrown() == null ? ""
            : " (" + record.getThrown() + ")");
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------- generation

  private static Input generate(SplittableRandom r) {
    boolean ticketed = r.nextInt(10) < 7;
    List<byte[]> frames = new ArrayList<>();
    if (!ticketed) {
      byte[] secret = new byte[r.nextInt(10) == 0 ? r.nextInt(40) : 32];
      r.nextBytes(secret);
      frames.add(bytes(Frames.hello(secret)));
    }
    int count = r.nextInt(1, 7);
    for (int i = 0; i < count; i++) {
      frames.add(validFrame(r, i));
    }
    int mutations = r.nextInt(4); // none now and then: valid streams must stay clean
    for (int i = 0; i < mutations; i++) {
      mutateFrame(r, frames);
    }
    byte[] stream = concat(frames);
    if (r.nextInt(3) == 0) {
      stream = mutateBytes(r, stream);
    }
    Expect expect;
    String violation = null;
    if (!ticketed) {
      expect = Expect.REFUSED;
    } else {
      violation = referenceViolation(stream);
      expect = violation == null ? Expect.CLEAN
          : violation.startsWith(CUT_OFF) || violation.startsWith(NOT_MODELLED) ? Expect.EITHER
          : Expect.PROTOCOL_VIOLATION;
    }
    return new Input(ticketed, frames, stream, expect, violation);
  }

  private static byte[] validFrame(SplittableRandom r, int index) {
    int frameId = r.nextInt(8) == 0 ? r.nextInt(1, 4) : Message.MAIN_FRAME_ID;
    return switch (r.nextInt(6)) {
      case 0 -> bytes(Frames.header(new Message.OpenFrame(index)));
      case 5 -> bytes(Frames.header(new Message.Cancel(r.nextInt(index + 2))));
      case 1 -> whole(new Message.Send(frameId, r.nextBoolean() ? "note" : "nobody", args(r, true)));
      case 2 -> whole(new Message.SendSync(index, frameId, "sync", args(r, false)));
      default -> whole(new Message.Invoke(index, frameId, r.nextBoolean() ? "echo" : "missing",
          1 + r.nextInt(60_000), args(r, false)));
    };
  }

  /** Encoded call arguments: small values, now and then (for SEND only, which gets no reply) a large one. */
  private static byte[] args(SplittableRandom r, boolean mayBeLarge) {
    Object[] args = new Object[r.nextInt(4)];
    for (int i = 0; i < args.length; i++) {
      args[i] = value(r, 0);
    }
    if (mayBeLarge && r.nextInt(20) == 0) {
      byte[] big = new byte[r.nextInt(64 * 1024, 400 * 1024)];
      r.nextBytes(big);
      args = new Object[] {big};
    }
    return TestPeer.args(args);
  }

  private static Object value(SplittableRandom r, int depth) {
    switch (r.nextInt(depth > 2 ? 5 : 7)) {
      case 0:
        return null;
      case 1:
        return r.nextLong();
      case 2:
        return "s" + r.nextInt();
      case 3:
        return r.nextDouble();
      case 4: {
        byte[] b = new byte[r.nextInt(64)];
        r.nextBytes(b);
        return b;
      }
      case 5: {
        List<Object> list = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          list.add(value(r, depth + 1));
        }
        return list;
      }
      default: {
        Map<Object, Object> map = new java.util.LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          map.put("k" + i, value(r, depth + 1));
        }
        return map;
      }
    }
  }

  private static void mutateFrame(SplittableRandom r, List<byte[]> frames) {
    int i = r.nextInt(frames.size());
    byte[] f = frames.get(i);
    switch (r.nextInt(7)) {
      case 0 -> setLength(f, r.nextBoolean() ? Integer.MAX_VALUE : MAX_FRAME + 1 + r.nextInt(1 << 20)); // huge
      case 1 -> setLength(f, r.nextBoolean() ? 0 : Integer.MIN_VALUE | r.nextInt()); // zero or negative
      case 2 -> setLength(f, Math.max(1, f.length - 4 + r.nextInt(-8, 9))); // a little wrong
      case 3 -> setLength(f, r.nextInt(1, MAX_FRAME + 1)); // a claim the bytes never meet (or cut short)
      case 4 -> {
        if (f.length > 4) {
          f[4] = (byte) (r.nextBoolean() ? r.nextInt(256)
              : new int[] {Frames.HELLO, Frames.WELCOME, Frames.PUSH, Frames.REPLY, Frames.CALL, Frames.CALL_REPLY,
                  Frames.CALL_CANCEL, Frames.GOODBYE}[r.nextInt(8)]);
        }
      }
      case 5 -> frames.add(i, f.clone()); // duplicated
      default -> frames.set(i, java.util.Arrays.copyOf(f, r.nextInt(f.length + 1))); // truncated in place
    }
  }

  private static byte[] mutateBytes(SplittableRandom r, byte[] stream) {
    if (stream.length == 0) {
      return stream;
    }
    switch (r.nextInt(3)) {
      case 0 -> {
        for (int n = r.nextInt(1, 4); n > 0; n--) {
          int at = r.nextInt(stream.length);
          stream[at] ^= (byte) (1 << r.nextInt(8)); // bit flips
        }
        return stream;
      }
      case 1 -> {
        return java.util.Arrays.copyOf(stream, r.nextInt(stream.length)); // truncated
      }
      default -> {
        int at = r.nextInt(stream.length + 1);
        byte[] junk = new byte[r.nextInt(1, 16)];
        r.nextBytes(junk);
        byte[] out = new byte[stream.length + junk.length];
        System.arraycopy(stream, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(stream, at, out, at + junk.length, stream.length - at);
        return out; // bytes inserted
      }
    }
  }

  /** How {@link #referenceViolation} marks a violation in the first bytes of a frame that never ends. */
  private static final String CUT_OFF = "in a cut-off frame: ";
  /**
   * How {@link #referenceViolation} marks a stream or port frame (0x16-0x1E), which this reading does not model: a
   * mutation that lands on one may be allowed (a port frame for a port the host has forgotten is dropped, a request
   * for a stream that ended is dropped) or not, so the host may answer either way. StreamProtocolTest,
   * MessagePortIsolationTest and PortFramesTest hold those frames to their rules.
   */
  private static final String NOT_MODELLED = "a stream or port frame: ";

  /**
   * Reads a ticketed stream (after the handshake) as docs/protocol.md says the host must, independently of the
   * host's code: the first violation, or null if every whole frame is allowed. A cut-off last frame is no violation
   * unless its first bytes already show one (then the host may see either: the answer starts with {@link #CUT_OFF}).
   */
  static String referenceViolation(byte[] stream) {
    ByteBuffer b = ByteBuffer.wrap(stream);
    int[] frames = {Message.MAIN_FRAME_ID}; // frame ids the renderer has: 1..frames[0]
    while (b.remaining() >= 4) {
      int length = b.getInt();
      if (length < 1 || length > MAX_FRAME) {
        return "length " + length;
      }
      boolean whole = b.remaining() >= length;
      ByteBuffer f = b.slice().limit(Math.min(length, b.remaining()));
      b.position(b.position() + f.limit());
      String violation = frameViolation(f, length, frames);
      if (violation != null && violation.startsWith(NOT_MODELLED)) {
        return violation;
      }
      if (!whole) {
        return violation == null ? null : CUT_OFF + violation;
      }
      if (violation != null) {
        return violation;
      }
    }
    return null;
  }

  /** The violation in one frame's bytes ({@code f}, all or the first of them), or null if they show none. */
  private static String frameViolation(ByteBuffer f, int length, int[] frames) {
    if (!f.hasRemaining()) {
      return null;
    }
    int type = f.get() & 0xff;
    if (type >= Frames.STREAM && type <= Frames.PORT_RETURN) {
      return NOT_MODELLED + "type " + type;
    }
    int fixed = switch (type) {
      case Frames.SEND -> 4;
      case Frames.SEND_SYNC, Frames.INVOKE -> 12;
      case Frames.OPEN_FRAME, Frames.CANCEL -> 8;
      case Frames.CALL_REPLY -> 9;
      default -> -1;
    };
    if (fixed < 0) {
      return "type " + type;
    }
    if (type == Frames.CALL_REPLY) { // an answer to a call the host made: dropped if it made none, never a violation
      if (f.remaining() < fixed) {
        return f.limit() == length ? "short fields" : null;
      }
      int ok = f.get(f.position() + 8);
      return ok == 0 || ok == 1 ? null : "ok flag " + ok;
    }
    if (type == Frames.OPEN_FRAME || type == Frames.CANCEL) {
      if (length != 9) {
        return "OPEN_FRAME or CANCEL of " + length + " bytes";
      }
      if (type == Frames.OPEN_FRAME) {
        frames[0]++;
      }
      return null; // a CANCEL of a call the host does not know is dropped, never a violation
    }
    boolean whole = f.limit() == length;
    if (f.remaining() < fixed + 4) {
      return whole ? "short fields" : null;
    }
    f.position(f.position() + fixed - 4);
    int frameId = f.getInt();
    int channelBytes = f.getInt();
    int after = type == Frames.INVOKE ? 8 : 0; // INVOKE's timeout follows its channel
    // The fields before the payload must lie in the frame's first 65,532 bytes (docs/protocol.md, section 2).
    if (channelBytes < 0 || 1 + fixed + 4 + (long) channelBytes + after > Math.min(length, 65_532)) {
      return "channel length " + channelBytes;
    }
    if (!whole && channelBytes + after > f.remaining()) {
      return null; // the host reads the channel (and timeout) before it looks at the frame id
    }
    if (after > 0 && f.getLong(f.position() + channelBytes) <= 0) {
      return "INVOKE timeout " + f.getLong(f.position() + channelBytes);
    }
    if (frameId < Message.MAIN_FRAME_ID || frameId > frames[0]) {
      return "frame id " + frameId;
    }
    return null;
  }

  // ------------------------------------------------------------------------------------------------- sending

  /**
   * Sends one input on a fresh connection (split at random points, the handshake too), ends the stream, and
   * checks how the host took it.
   *
   * @return what went wrong, or null
   */
  private static String send(IpcHost host, Input input, SplittableRandom r, ExecutorService reader, LogCapture log,
      int logMark) throws Exception {
    SocketServer server = HostAccess.server(host);
    int rendererId = -1;
    try (SocketChannel channel = server.endpoint().connect()) {
      if (input.ticketed) {
        Ticket ticket = server.expectPeer();
        rendererId = ticket.rendererId;
        writeSplit(channel, bytes(Frames.hello(ticket.secret)), r);
        ByteBuffer length = ByteBuffer.allocate(4);
        readFully(channel, length);
        ByteBuffer welcome = ByteBuffer.allocate(length.flip().getInt());
        readFully(channel, welcome);
        if ((welcome.get(0) & 0xff) != Frames.WELCOME) {
          return "no WELCOME for a valid HELLO";
        }
      }
      // Whatever the host sends is read (and dropped) as it comes, so it never waits on this peer.
      CompletableFuture<Boolean> hungUp = CompletableFuture.supplyAsync(() -> {
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        try {
          while (channel.read(sink.clear()) >= 0) {
            // drop it
          }
        } catch (IOException e) {
          // reset by the host
        }
        return true;
      }, reader);
      try {
        writeSplit(channel, input.bytes, r);
        channel.shutdownOutput();
      } catch (IOException e) {
        // the host hung up part way: fine when it found a violation, checked below
      }
      try {
        hungUp.get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        return "the host did not close the connection within 10 s";
      }
    }
    if (input.expect == Expect.REFUSED) {
      return null; // refusals are logged at most once a second: closing it is what is checked
    }
    String id = "renderer-" + rendererId;
    String contents = "WebContents[" + rendererId + "]";
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    boolean logged;
    String reason = null;
    while (true) {
      logged = false;
      for (LogRecord record : since(log, logMark)) {
        String text = LogCapture.text(record);
        if (record.getLevel().intValue() >= Level.WARNING.intValue() && text.contains("disconnecting")
            && (text.contains(id + " ") || text.contains(contents))) {
          logged = true;
          reason = text;
        }
      }
      if (logged || input.expect != Expect.PROTOCOL_VIOLATION || System.nanoTime() > until) {
        break;
      }
      Thread.sleep(5);
    }
    if (input.expect == Expect.PROTOCOL_VIOLATION && !logged) {
      return "no protocol reason was logged for a violation";
    }
    if (input.expect == Expect.CLEAN && logged) {
      return "a protocol violation was logged for a clean stream: " + reason;
    }
    return null;
  }

  private static void writeSplit(SocketChannel channel, byte[] bytes, SplittableRandom r) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    boolean pause = r.nextInt(8) == 0;
    while (b.hasRemaining()) {
      int n = r.nextInt(4) == 0 ? b.remaining() : Math.min(b.remaining(), r.nextInt(1, 64));
      ByteBuffer piece = b.duplicate().limit(b.position() + n);
      while (piece.hasRemaining()) {
        channel.write(piece);
      }
      b.position(b.position() + n);
      if (pause) {
        Thread.onSpinWait();
        Thread.yield(); // lets the host read a piece on its own now and then
      }
    }
  }

  private static void readFully(SocketChannel channel, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b) < 0) {
        throw new IOException("the host closed the connection during the handshake");
      }
    }
  }

  private static void setLength(byte[] frame, int length) {
    if (frame.length >= 4) {
      ByteBuffer.wrap(frame).putInt(0, length);
    }
  }

  private static byte[] whole(Message message) {
    ByteBuffer header = Frames.header(message);
    byte[] payload = Frames.payload(message);
    return ByteBuffer.allocate(header.remaining() + payload.length).put(header).put(payload).array();
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static byte[] concat(List<byte[]> parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer out = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      out.put(p);
    }
    return out.array();
  }
}
