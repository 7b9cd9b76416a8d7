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
import java.util.Set;
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
 * every frame type a renderer sends (calls, streams and ports), bit flips, truncations, huge, negative and wrong
 * lengths, wrong types, duplicated and inserted bytes, all split at random points across writes. After every input
 * the host has closed that connection (with a logged protocol reason exactly when the reference reading of the bytes,
 * {@link ReferenceReading}, finds a violation), nothing has escaped its loops, the loops allocated within a small
 * factor of the bytes sent, and another renderer's echo still works; and each renderer-to-host type was both taken
 * and refused (but the two a renderer can only send wrongly here).
 *
 * <p>The same inputs every run by default, from a fixed seed; {@code -Dipc4j.fuzz.seed=S} runs others and
 * {@code -Dipc4j.fuzz.seconds=N} runs for N seconds instead of {@value #DEFAULT_INPUTS} inputs.
 */
class FrameFuzzTest {
  private static final int MAX_FRAME = 1 << 20;
  /** What the host may allocate for one input beyond a factor of its bytes: buffers of a fresh connection. */
  private static final long ALLOCATION_SLACK = 512 * 1024;
  private static final long ALLOCATION_FACTOR = 8;
  /** Inputs whose allocation is not checked: the first ones load classes and warm the loops up. */
  private static final int WARM_UP_INPUTS = 100;
  /** How many inputs a default run sends: a few seconds' worth. */
  private static final int DEFAULT_INPUTS = 1500;
  private static final long DEFAULT_SEED = 0x1FC4_F00DL;
  /** The channels the fuzzed host listens on. */
  private static final Set<String> LISTENED = Set.of("note", "sync");

  /** What the reference reading of an input expects the host to do with it. */
  private enum Expect {
    REFUSED,
    PROTOCOL_VIOLATION,
    CLEAN
  }

  private record Input(Ticket ticket, List<byte[]> frames, byte[] bytes, Expect expect, String violation,
      Map<Integer, int[]> verdicts) {}

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES) // the long mode; the default run takes seconds
  void mutatedHandshakesAndFrameStreamsNeverHurtTheHost() throws Exception {
    long seconds = Long.getLong("ipc4j.fuzz.seconds", 0);
    long seed = Long.getLong("ipc4j.fuzz.seed", DEFAULT_SEED);
    System.out.printf("FrameFuzzTest: seed %d (-Dipc4j.fuzz.seed=%d repeats it), %s%n", seed, seed,
        seconds > 0 ? seconds + " s" : DEFAULT_INPUTS + " inputs");
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
      Map<Integer, int[]> verdicts = new java.util.TreeMap<>(); // per frame type: {taken, refused}
      long start = System.nanoTime();
      int inputs = 0;
      int failures = 0;
      double worstFactor = 0;
      String worstFactorInput = "";
      Map<String, int[]> problems = new java.util.TreeMap<>();
      long worstAllocation = 0;
      Map<Expect, int[]> counts = new java.util.EnumMap<>(Expect.class);
      List<String> failed = new ArrayList<>();
      while (seconds > 0 ? System.nanoTime() < end : inputs < DEFAULT_INPUTS) {
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
          input = generate(r, HostAccess.server(host));
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
          input.verdicts.forEach((type, v) -> {
            int[] sum = verdicts.computeIfAbsent(type, k -> new int[2]);
            sum[0] += v[0];
            sum[1] += v[1];
          });
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
      StringBuilder byType = new StringBuilder();
      verdicts.forEach((type, v) -> byType.append(String.format(" %s %d/%d", FrameNames.of(type), v[0], v[1])));
      System.out.printf("FrameFuzzTest: frames taken/refused by type:%s%n", byType);
      assertWithMessage(String.join("\n", failed)).that(failures).isEqualTo(0);
      for (int type = Frames.SEND; type <= Frames.PORT_RETURN; type++) {
        int[] v = verdicts.getOrDefault(type, new int[2]);
        // The fuzzed host opens no stream on the renderer: it can only refuse those streams' items and ends.
        boolean onlyWrong = type == Frames.CALL_STREAM_ITEM || type == Frames.CALL_STREAM_END;
        assertWithMessage("frames of type %s taken", FrameNames.of(type)).that(v[0] > 0).isEqualTo(!onlyWrong);
        assertWithMessage("frames of type %s refused", FrameNames.of(type)).that(v[1]).isGreaterThan(0);
      }
      for (int type : List.of(Frames.SEND | Frames.AS_IS, Frames.INVOKE | Frames.AS_IS,
          Frames.CALL_REPLY | Frames.AS_IS)) { // as it is
        int[] v = verdicts.getOrDefault(type, new int[2]);
        assertWithMessage("frames of type 0x%s taken", Integer.toHexString(type)).that(v[0]).isGreaterThan(0);
        assertWithMessage("frames of type 0x%s refused", Integer.toHexString(type)).that(v[1]).isGreaterThan(0);
      }
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

  /** Draws an input; a ticketed one gets its ticket now, since its ports carry the renderer's id. */
  private static Input generate(SplittableRandom r, SocketServer server) {
    boolean ticketed = r.nextInt(10) < 7;
    Ticket ticket = ticketed ? server.expectPeer() : null;
    Ports ports = new Ports(ticketed ? ticket.rendererId : 1);
    List<byte[]> frames = new ArrayList<>();
    if (!ticketed) {
      byte[] secret = new byte[r.nextInt(10) == 0 ? r.nextInt(40) : 32];
      r.nextBytes(secret);
      frames.add(bytes(Frames.hello(secret)));
    }
    int count = r.nextInt(1, 7);
    for (int i = 0; i < count; i++) {
      frames.add(validFrame(r, i, ports));
    }
    int mutations = r.nextInt(4); // none now and then: valid streams must stay clean
    for (int i = 0; i < mutations; i++) {
      mutateFrame(r, frames);
    }
    byte[] stream = concat(frames);
    if (r.nextInt(3) == 0) {
      stream = mutateBytes(r, stream);
    }
    if (!ticketed) {
      return new Input(null, frames, stream, Expect.REFUSED, null, Map.of());
    }
    ReferenceReading reading = new ReferenceReading(MAX_FRAME, ticket.rendererId, LISTENED);
    String violation = reading.read(stream);
    return new Input(ticket, frames, stream, violation == null ? Expect.CLEAN : Expect.PROTOCOL_VIOLATION,
        violation, reading.verdicts);
  }

  /**
   * The port ids a generated renderer names: mostly those of pairs it announced, now and then another's, a reused
   * one or a made-up one, so that the rules of section 5 are both kept and broken.
   */
  private static final class Ports {
    private final long high;
    private final List<Long> announced = new ArrayList<>();
    private int next = 1;

    Ports(int rendererId) {
      this.high = (long) rendererId << 32;
    }

    /** A PORT_CHANNEL: a new pair of its own, or now and then ids that are not. */
    byte[] channel(SplittableRandom r) {
      long id1 = high | next++;
      long id2 = high | next++;
      switch (r.nextInt(12)) {
        case 0 -> id1 = high; // low half 0
        case 1 -> id2 = id1;
        case 2 -> id1 = announced.isEmpty() ? id1 : any(r); // not new
        case 3 -> id2 = high + (1L << 32) | 1; // another renderer's
        default -> { }
      }
      announced.add(id1);
      announced.add(id2);
      return bytes(Frames.header(new Message.PortChannel(id1, id2)));
    }

    /** A port to name: mostly one it announced. */
    long any(SplittableRandom r) {
      if (announced.isEmpty() || r.nextInt(10) == 0) {
        return r.nextBoolean() ? high | r.nextInt(1, 1000) : r.nextLong();
      }
      return announced.get(r.nextInt(announced.size()));
    }

    /** The ports a message carries: mostly none, else a few it names (now and then one twice). */
    long[] transfer(SplittableRandom r) {
      if (r.nextInt(5) < 3) {
        return new long[0];
      }
      long[] ids = new long[r.nextInt(1, 4)];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = any(r);
      }
      return ids;
    }
  }

  private static byte[] validFrame(SplittableRandom r, int index, Ports ports) {
    int frameId = r.nextInt(8) == 0 ? r.nextInt(1, 4) : Message.MAIN_FRAME_ID;
    return switch (r.nextInt(16)) {
      case 0 -> bytes(Frames.header(new Message.OpenFrame(index)));
      case 1 -> bytes(Frames.header(new Message.Cancel(r.nextInt(index + 2))));
      case 2 -> whole(r.nextInt(5) > 0 ? new Message.Send(frameId, r.nextBoolean() ? "note" : "nobody", args(r, true))
          : new Message.Send(frameId, "note", asIs(r), true));
      case 3 -> whole(new Message.SendSync(index, frameId, "sync", args(r, false)));
      case 4, 5 -> whole(r.nextInt(5) > 0
          ? new Message.Invoke(index, frameId, r.nextBoolean() ? "echo" : "missing", 1 + r.nextInt(60_000), args(r, false))
          : new Message.Invoke(index, frameId, "echo", 1 + r.nextInt(60_000), asIs(r), true));
      case 6 -> whole(new Message.Stream(index, frameId, r.nextBoolean() ? "echo" : "missing", args(r, false)));
      case 7 -> bytes(Frames.header(new Message.StreamRequest(r.nextInt(index + 2), 1 + r.nextInt(100))));
      case 8, 9 -> ports.channel(r);
      case 10, 11 -> { // a renderer posts on a pair it made: announced first, mostly
        if (ports.announced.isEmpty() && r.nextInt(4) > 0) {
          yield ports.channel(r);
        }
        long on = ports.any(r);
        long[] transfer = ports.transfer(r);
        yield whole(new Message.PortPost(on, transfer, args(r, false)));
      }
      case 12 -> bytes(Frames.header(new Message.PortClose(ports.any(r))));
      case 13 -> whole(new Message.PostMessage(frameId, r.nextBoolean() ? "note" : "nobody", ports.transfer(r),
          TestPeer.args(value(r, 0))));
      case 14 -> {
        long on = ports.any(r);
        long[] transfer = ports.transfer(r);
        yield whole(new Message.PortReturn(on, transfer, args(r, false)));
      }
      default -> r.nextInt(3) > 0
          ? whole(r.nextInt(5) == 0 ? new Message.RendererReply(index, r.nextInt(4) > 0, asIs(r), true) // 0: refused
              : new Message.RendererReply(index, r.nextBoolean(), args(r, false)))
          : r.nextBoolean() ? whole(new Message.CallStreamItem(index, args(r, false)))
          : whole(new Message.CallStreamEnd(index, r.nextBoolean(), new byte[0]));
    };
  }

  /** An array that a frame carries as it is: any bytes (mostly fewer than a call sends so, which a peer may do). */
  private static byte[] asIs(SplittableRandom r) {
    byte[] bytes = new byte[r.nextInt(8) == 0 ? r.nextInt(64 * 1024, 100 * 1024) : r.nextInt(200)];
    r.nextBytes(bytes);
    return bytes;
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
      Ticket ticket = input.ticket;
      if (ticket != null) {
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
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // generous: a loaded machine
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
