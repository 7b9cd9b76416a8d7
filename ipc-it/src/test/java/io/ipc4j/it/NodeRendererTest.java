package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.IpcMain;
import io.ipc4j.RenderProcessGoneDetails;
import io.ipc4j.WebContents;
import io.ipc4j.WebFrameMain;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A renderer in another language: src/test/node/renderer.mjs, a Node.js program written from docs/protocol.md
 * alone, launched with {@code launchProcess}. It does what a Java renderer does and reports what it saw; each
 * test checks one part of that over the host. Under CI (the {@code CI} variable is {@code true}) node must be
 * there; elsewhere the tests are skipped without it. A Node.js renderer is always a child process, so these
 * tests run in the sockets pass of this suite.
 */
class NodeRendererTest {
  private static final Path SCRIPT = Path.of("src", "test", "node", "renderer.mjs").toAbsolutePath();
  private static final long WAIT_SECONDS = 20;

  private IpcHost host;
  private final Map<String, CompletableFuture<Object[]>> received = new ConcurrentHashMap<>();
  private final CompletableFuture<Integer> processIdSeen = new CompletableFuture<>();
  private final CompletableFuture<WebFrameMain> childFrame = new CompletableFuture<>();

  @BeforeAll
  static void nodeIsThere() {
    Assumptions.assumeTrue(Hosts.KIND.equals("sockets"), "a Node.js renderer runs in the sockets pass");
    String missing = null;
    try {
      Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      if (!version.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) || version.exitValue() != 0) {
        missing = "node --version did not succeed";
      }
    } catch (IOException e) {
      missing = "node is not on the PATH (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      missing = "interrupted";
    }
    if (missing != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI runs the Node.js renderer, but " + missing);
      }
      String skipped = "The Node.js renderer tests are skipped: " + missing;
      System.err.println(skipped); // a skipped class shows no reason in the build's log
      Assumptions.abort(skipped);
    }
  }

  @BeforeEach
  void openHost() {
    host = IpcHost.builder().codecs(NotesApiIpc.CODECS).shutdownGrace(Duration.ofSeconds(WAIT_SECONDS))
        .overSockets();
    IpcMain main = host.ipcMain();
    for (String channel : List.of("node:values", "node:results", "node:pushed", "node:replied",
        "node:child-replied", "node:cancelled")) {
      main.on(channel, (event, args) -> {
        if (channel.equals("node:results")) {
          processIdSeen.complete(event.processId());
        }
        future(channel).complete(args);
      });
    }
    main.on("node:sync", (event, args) -> event.setReturnValue((Integer) args[0] + (Integer) args[1]));
    main.on("node:ask", (event, args) -> event.reply("main:reply", "pong", args[0]));
    main.on("node:child", (event, args) -> {
      childFrame.complete(event.senderFrame());
      event.reply("main:frame-reply", "to frame", event.frameId());
      future("node:child").complete(args);
    });
    main.handle("node:echo", (event, args) -> List.of(args));
    main.handle("node:fail", (event, args) -> {
      throw new IllegalStateException((String) args[0]);
    });
  }

  @AfterEach
  void closeHost() {
    host.close();
  }

  private CompletableFuture<Object[]> future(String channel) {
    return received.computeIfAbsent(channel, c -> new CompletableFuture<>());
  }

  private Object[] awaitMessage(String channel) throws Exception {
    return future(channel).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private WebContents launch() {
    return host.launchProcess(new ProcessBuilder("node", SCRIPT.toString()));
  }

  @Test
  void valuesOfEveryKindArriveAsTheirJavaTypes() throws Exception {
    launch();
    Object[] values = awaitMessage("node:values");
    Map<Object, Object> mixedKeys = new LinkedHashMap<>();
    mixedKeys.put("a", 1);
    mixedKeys.put(2, "b");
    Map<Object, Object> seventeen = new LinkedHashMap<>();
    IntStream.range(0, 17).forEach(i -> seventeen.put("k" + i, i));
    byte[] sevens = new byte[300];
    Arrays.fill(sevens, (byte) 7);
    List<Object> expected = Arrays.asList(
        0, -1, 127, 128, -32, -33, 255, 65535, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE, 4294967296L,
        -2147483649L, Long.MAX_VALUE, new BigInteger("18446744073709551615"),
        1.5, 0.25f, Double.NaN, Double.POSITIVE_INFINITY, -0.0, 3.0,
        "", "h\u00e9llo \u2713 \uD834\uDD1E", "x".repeat(40), "y".repeat(300), "z".repeat(70000),
        new byte[] {0, 1, (byte) 255}, sevens,
        true, false, null,
        List.of(1, "two", List.of(3)), IntStream.range(0, 20).boxed().toList(),
        mixedKeys, Map.of("title", "plain object", "n", 2), seventeen,
        Instant.ofEpochSecond(1_700_000_000), Instant.ofEpochSecond(1_700_000_000, 5), Instant.ofEpochSecond(-1),
        Instant.ofEpochSecond(1L << 34, 1),
        new Note(7, "from node", List.of("a", "b"), Instant.ofEpochSecond(1_700_000_000, 5), Priority.HIGH),
        Map.of("x", 1, "y", 2), "RED", Set.of(1, 2), Duration.ofSeconds(90, 5));
    assertThat(comparable(Arrays.asList(values))).containsExactlyElementsIn(comparable(expected)).inOrder();
    assertThat(values[values.length - 4]).isInstanceOf(LinkedHashMap.class); // a record with no codec: its map
  }

  @Test
  void theRenderersCallsGetTheAnswersAJavaRendererGets() throws Exception {
    launch();
    Object[] results = awaitMessage("node:results");
    Map<?, ?> outcomes = (Map<?, ?>) results[0];
    assertThat(outcomes.get("sync")).isEqualTo(Map.of("value", 42));
    assertThat(outcomes.get("syncNobody")).isEqualTo(Map.of("error",
        "Error invoking remote method 'node:nobody': io.ipc4j.IpcException: No listener registered for 'node:nobody'"));
    assertThat(outcomes.get("invoke")).isEqualTo(Map.of("value", List.of("ping", 1.25, List.of(1, 2))));
    assertThat(outcomes.get("invokeFailed")).isEqualTo(Map.of("error",
        "Error invoking remote method 'node:fail': java.lang.IllegalStateException: no such note"));
    assertThat(outcomes.get("invokeFailedNoMessage")).isEqualTo(Map.of("error",
        "Error invoking remote method 'node:fail': java.lang.IllegalStateException"));
    assertThat(outcomes.get("invokeNobody")).isEqualTo(Map.of("error",
        "Error invoking remote method 'node:nobody': io.ipc4j.IpcException: No handler registered for 'node:nobody'"));
    assertThat(awaitMessage("node:replied")).asList().containsExactly("pong", "ping").inOrder();
  }

  @Test
  void itsIdsAreTheHostsAndItsOsProcessIdIsNodes() throws Exception {
    WebContents node = launch();
    Map<?, ?> ids = (Map<?, ?>) awaitMessage("node:results")[1];
    assertThat(((Number) ids.get("pid")).longValue()).isEqualTo(node.osProcessId());
    assertThat(ids.get("rendererId")).isEqualTo(node.id());
    assertThat(ids.get("processId")).isEqualTo(processIdSeen.get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertThat(node.osProcessId()).isNotEqualTo(ProcessHandle.current().pid());
  }

  @Test
  void theMainProcessSendsToItAndCallsItsHandlers() throws Exception {
    WebContents node = launch();
    awaitMessage("node:values"); // sent after its listeners and handlers are in place
    Object[] pushed = {1, 4294967296L, 2.5, 0.5f, -0.0, "text", new byte[] {9, 8}, List.of(1, List.of("a")),
        Map.of("k", "v"), Instant.ofEpochSecond(1_700_000_000, 5), Instant.ofEpochSecond(-5, 7),
        new Note(1, "to node", List.of(), Instant.EPOCH, Priority.LOW), Priority.HIGH, Set.of("s"),
        Duration.ofMillis(1500), 'c', new BigDecimal("12.345"), new BigInteger("123456789012345678901234567890"),
        new UUID(1, 2), new int[] {1, 2, 3}, null, true};
    node.send("main:push", pushed);
    assertThat(comparable(Arrays.asList(awaitMessage("node:pushed"))))
        .containsExactlyElementsIn(comparable(Arrays.asList(pushed))).inOrder();

    assertThat(node.invoke("renderer:add", 2, 3).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(5);
    Object echoed = node.invoke("renderer:echo", pushed).get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(comparable(echoed)).isEqualTo(comparable(Arrays.asList(pushed)));

    IpcInvokeException failed = invokeFailure(() -> node.invoke("renderer:fail"));
    assertThat(failed).hasMessageThat().isEqualTo("Error invoking remote method 'renderer:fail': RangeError: "
        + "renderer says no");
    assertThat(failed.remoteType()).isEqualTo("RangeError");
    IpcInvokeException none = invokeFailure(() -> node.invoke("renderer:none"));
    assertThat(none.remoteType()).isEqualTo("io.ipc4j.IpcException");
    assertThat(none.remoteMessage()).isEqualTo("No handler registered for 'renderer:none'");
  }

  @Test
  void aLargeArrayThatCrossesAsItIsReachesItAsBytes() throws Exception {
    WebContents node = launch();
    awaitMessage("node:values");
    byte[] big = new byte[100_000]; // the host sends the one argument of a PUSH or CALL as it is
    new java.util.Random(7).nextBytes(big);
    node.send("main:push", (Object) big);
    assertThat((byte[]) awaitMessage("node:pushed")[0]).isEqualTo(big);
    Object echoed = node.invoke("renderer:echo", (Object) big).get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat((byte[]) ((List<?>) echoed).get(0)).isEqualTo(big);
  }

  @Test
  void aCallItServesLearnsItsDeadlineAndItsCancel() throws Exception {
    WebContents node = launch();
    awaitMessage("node:values"); // its handlers are in place
    CompletableFuture<Object> waiting = node.invokeWithTimeout(Duration.ofSeconds(20), "renderer:wait");
    Thread.sleep(100); // the CALL is on its way; the cancel follows it on the same connection
    assertThat(waiting.cancel(true)).isTrue();
    long leftMillis = ((Number) awaitMessage("node:cancelled")[0]).longValue();
    assertThat(leftMillis).isGreaterThan(0L);
    assertThat(leftMillis).isAtMost(20_000L);
  }

  @Test
  void aFrameItOpensHasAnIdOfItsOwnAndGetsWhatIsMeantForIt() throws Exception {
    WebContents node = launch();
    Object[] opened = awaitMessage("node:child");
    WebFrameMain frame = childFrame.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(opened).asList().containsExactly(frame.frameId());
    assertThat(frame.frameId()).isNotEqualTo(node.mainFrame().frameId());
    assertThat(frame.isMainFrame()).isFalse();
    assertThat(awaitMessage("node:child-replied")).asList().containsExactly("to frame", frame.frameId()).inOrder();
    assertThat(frame.invoke("renderer:frame", "x").get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(List.of("child", frame.frameId(), "x"));
    IpcInvokeException mainFrame = invokeFailure(() -> node.invoke("renderer:frame")); // the child's handler only
    assertThat(mainFrame.remoteMessage()).isEqualTo("No handler registered for 'renderer:frame'");
  }

  @Test
  void closingItsSideAndExitingIsACleanExit() throws Exception {
    WebContents node = launch();
    CompletableFuture<RenderProcessGoneDetails> gone = new CompletableFuture<>();
    node.onRenderProcessGone(gone::complete);
    awaitMessage("node:results");
    node.send("main:quit");
    assertThat(gone.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(new RenderProcessGoneDetails(RenderProcessGoneDetails.Reason.CLEAN_EXIT, 0));
    assertThat(node.isDestroyed()).isTrue();
  }

  @Test
  void itExitsWhenTheHostClosesIt() throws Exception {
    WebContents node = launch();
    awaitMessage("node:results");
    ProcessHandle process = ProcessHandle.of(node.osProcessId()).orElseThrow();
    node.close(); // GOODBYE; the shutdown grace (20 s here) would kill it only much later
    process.onExit().get(WAIT_SECONDS / 2, TimeUnit.SECONDS);
    assertThat(process.isAlive()).isFalse();
  }

  private static IpcInvokeException invokeFailure(Supplier<CompletableFuture<Object>> call) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get().get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertThat(e).hasCauseThat().isInstanceOf(IpcInvokeException.class);
    return (IpcInvokeException) e.getCause();
  }

  /** A value whose equals compares arrays by content: byte[] and int[] become labelled text, recursively. */
  private static Object comparable(Object v) {
    if (v instanceof byte[] bytes) {
      return "byte[] " + HexFormat.of().formatHex(bytes);
    } else if (v instanceof int[] ints) {
      return "int[] " + Arrays.toString(ints);
    } else if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(e -> out.add(comparable(e)));
      return out;
    } else if (v instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, e) -> out.put(comparable(k), comparable(e)));
      return out;
    }
    return v;
  }

  private static List<Object> comparable(List<?> list) {
    @SuppressWarnings("unchecked")
    List<Object> out = (List<Object>) comparable((Object) list);
    return out;
  }
}
