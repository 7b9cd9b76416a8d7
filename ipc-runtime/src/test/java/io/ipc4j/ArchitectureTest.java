package io.ipc4j;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the runtime, checked on its compiled classes with the JDK's {@code jdeps}: what may depend on
 * what. A new dependency that crosses a layer fails here, with the classes that cross.
 */
class ArchitectureTest {
  /** Class-to-class dependencies of the runtime's own classes: "from -> to". */
  private static List<String[]> edges;

  @BeforeAll
  static void readDependencies() throws IOException, InterruptedException {
    Path classes = Path.of("target", "classes");
    Path jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps");
    Process process = new ProcessBuilder(jdeps.toString(), "-verbose:class", "-filter:none", classes.toString())
        .redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertWithMessage("jdeps finished").that(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertWithMessage("jdeps output:\n" + out).that(process.exitValue()).isEqualTo(0);
    Matcher m = Pattern.compile("^\\s+(io\\.ipc4j\\.\\S+)\\s+->\\s+(io\\.ipc4j\\.\\S+)", Pattern.MULTILINE)
        .matcher(out);
    edges = new ArrayList<>();
    while (m.find()) {
      edges.add(new String[] {outer(m.group(1)), outer(m.group(2))});
    }
    assertWithMessage("jdeps found the runtime's classes").that(edges.size()).isGreaterThan(100);
  }

  private static String outer(String name) {
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }

  private static boolean isApi(String type) {
    return type.matches("io\\.ipc4j\\.[A-Z]\\w*");
  }

  private static Set<String> crossing(java.util.function.Predicate<String> from,
      java.util.function.Predicate<String> to) {
    Set<String> found = new TreeSet<>();
    for (String[] e : edges) {
      if (from.test(e[0]) && to.test(e[1])) {
        found.add(e[0] + " -> " + e[1]);
      }
    }
    return found;
  }

  @Test
  void theApiReachesTheInternalsOnlyFromItsEntryPointsThroughTheEntryClass() {
    Set<String> found = crossing(ArchitectureTest::isApi, t -> t.startsWith("io.ipc4j.internal."));
    found.removeIf(e -> e.matches("io\\.ipc4j\\.(IpcHost|IpcRenderer|MessageChannelMain) -> "
        + ENTRY_CLASS.replace(".", "\\.")));
    assertWithMessage("API classes that reach internals other than through the entry class").that(found).isEmpty();
  }

  @Test
  void theSocketTransportReachesHostAndRendererOnlyThroughThePorts() {
    Set<String> found = crossing(t -> t.startsWith(SOCKET_PACKAGE),
        t -> t.startsWith("io.ipc4j.internal.") && !t.startsWith(SOCKET_PACKAGE) && !SOCKET_MAY_USE.contains(t)
            && !t.startsWith("io.ipc4j.internal.codec."));
    assertWithMessage("socket classes that reach host or renderer classes other than the ports").that(found).isEmpty();
  }

  @Test
  void theInternalsDoNotReachBackIntoTheSocketTransportExceptWhereTheyCreateIt() {
    Set<String> found = crossing(t -> t.startsWith("io.ipc4j.internal.") && !t.startsWith(SOCKET_PACKAGE),
        t -> t.startsWith(SOCKET_PACKAGE));
    found.removeIf(e -> SOCKET_CREATORS.stream().anyMatch(c -> e.startsWith(c + " -> ")));
    assertWithMessage("internal classes that use the socket transport").that(found).isEmpty();
  }

  @Test
  void theCodecKnowsNothingOfHostsRenderersOrTransports() {
    Set<String> found = crossing(t -> t.startsWith("io.ipc4j.internal.codec."),
        t -> t.startsWith("io.ipc4j.internal.") && !t.startsWith("io.ipc4j.internal.codec."));
    assertWithMessage("codec classes that reach the rest of the runtime").that(found).isEmpty();
  }

  @Test
  void theFlightRecorderEventsKnowNothingOfHostsRenderersOrTransports() {
    Set<String> found = crossing(t -> t.startsWith(JFR_PACKAGE),
        t -> t.startsWith("io.ipc4j.internal.") && !t.startsWith(JFR_PACKAGE));
    assertWithMessage("event classes that reach the rest of the runtime").that(found).isEmpty();
  }

  @Test
  void generatedCodesSupportReachesOnlyTheCodecRegistry() {
    Set<String> found = crossing(t -> t.startsWith("io.ipc4j.spi."), t -> t.startsWith("io.ipc4j.internal."));
    found.removeIf(e -> e.endsWith(" -> io.ipc4j.internal.codec.CodecOwner")
        || e.endsWith(" -> io.ipc4j.internal.codec.CodecRegistry") || e.endsWith(" -> io.ipc4j.internal.Failures"));
    assertWithMessage("SPI classes that reach internals other than the codec registry").that(found).isEmpty();
  }

  /** The one internal class the API may name. */
  private static final String ENTRY_CLASS = "io.ipc4j.internal.RuntimeEntry";
  private static final String SOCKET_PACKAGE = "io.ipc4j.internal.socket.";
  private static final String JFR_PACKAGE = "io.ipc4j.internal.jfr.";
  /**
   * What the socket transport may use outside its package: the ports (what it needs of the host and of a renderer
   * side), the messages it carries, the poller of the loop it runs on, and the runtime's logger and its throttled
   * warnings.
   */
  private static final Set<String> SOCKET_MAY_USE = Set.of(
      "io.ipc4j.internal.HostPort", "io.ipc4j.internal.ConnectedRenderer", "io.ipc4j.internal.MainLink",
      "io.ipc4j.internal.RendererLink", "io.ipc4j.internal.SocketLoop", "io.ipc4j.internal.Message",
      "io.ipc4j.internal.Poller", "io.ipc4j.internal.Log", "io.ipc4j.internal.Throttled");
  /** Who may create the socket transport: the entry, the host over sockets, a renderer side over a socket. */
  private static final Set<String> SOCKET_CREATORS = Set.of(
      "io.ipc4j.internal.RuntimeEntry", "io.ipc4j.internal.IpcHostImpl", "io.ipc4j.internal.RendererContext");
}
