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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the runtime, checked on its compiled classes with the JDK's {@code jdeps}: what may depend on
 * what. A new dependency that crosses a layer fails here, with the classes that cross. Also what the runtime may use
 * at all: the JDK alone, without reflection, dynamic proxies or object streams.
 */
class ArchitectureTest {
  private static final Path CLASSES = Path.of("target", "classes");
  /** Class-to-class dependencies of the runtime's own classes: "from -> to". */
  private static List<String[]> edges;
  /** Dependencies of the runtime's own classes on classes of other packages than its own: "from -> to". */
  private static List<String[]> outside;

  @BeforeAll
  static void readDependencies() throws IOException, InterruptedException {
    Path jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps");
    Process process = new ProcessBuilder(jdeps.toString(), "-verbose:class", "-filter:none", CLASSES.toString())
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
    Matcher other = Pattern.compile("^\\s+(io\\.ipc4j\\.\\S+)\\s+->\\s+((?!io\\.ipc4j\\.)\\S+)", Pattern.MULTILINE)
        .matcher(out);
    outside = new ArrayList<>();
    while (other.find()) {
      outside.add(new String[] {outer(other.group(1)), other.group(2)});
    }
    assertWithMessage("jdeps found the runtime's uses of the JDK").that(outside.size()).isGreaterThan(100);
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

  @Test
  void theRuntimeNeedsOnlyTheJdkAndNoReflectionProxiesOrObjectStreams() {
    Set<String> found = new TreeSet<>();
    for (String[] e : outside) {
      String to = e[1];
      boolean jdk = to.startsWith("java.") || to.startsWith("jdk.jfr.");
      boolean refused = to.startsWith("java.lang.reflect.") || to.startsWith("java.io.Object")
          || to.startsWith("java.lang.invoke.") && !LINKAGE.contains(to);
      if (!jdk || refused) {
        found.add(e[0] + " -> " + to);
      }
    }
    assertWithMessage("runtime classes that use a library, reflection, a proxy or an object stream")
        .that(found).isEmpty();
  }

  @Test
  void noRuntimeClassLooksUpAClassOrAMemberByName() throws IOException {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(CLASSES)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        for (String name : namedLookups(Files.readAllBytes(file))) {
          found.add(CLASSES.relativize(file) + " calls " + name);
        }
      }
    }
    assertWithMessage("runtime classes that find classes or members by name").that(found).isEmpty();

    // The check sees such a call where there is one: in this test's own class that makes one.
    Path own = Path.of("target", "test-classes", "io", "ipc4j", "ArchitectureTest$LooksUpByName.class");
    assertWithMessage("a lookup by name in a class").that(namedLookups(Files.readAllBytes(own)))
        .containsExactly("forName");
  }

  /**
   * The lookups by name a class file's constant pool names: a method it calls, or a string it holds, is there as a
   * UTF-8 entry (its two-byte length, then its bytes).
   */
  private static List<String> namedLookups(byte[] classFile) {
    String bytes = new String(classFile, StandardCharsets.ISO_8859_1);
    List<String> named = new ArrayList<>();
    for (String name : LOOKUPS_BY_NAME) {
      if (bytes.contains("" + (char) 0 + (char) name.length() + name)) {
        named.add(name);
      }
    }
    return named;
  }

  /** What finds a class or a member from its name, or makes a proxy: the reflection the runtime does without. */
  private static final List<String> LOOKUPS_BY_NAME = List.of("forName", "loadClass", "findClass", "newInstance",
      "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields",
      "getDeclaredField", "getDeclaredFields", "getConstructor", "getConstructors", "getDeclaredConstructor",
      "getDeclaredConstructors", "getRecordComponents", "setAccessible", "findVirtual", "findStatic", "findSpecial",
      "findConstructor", "findGetter", "findSetter", "findStaticGetter", "findStaticSetter", "findVarHandle",
      "findStaticVarHandle", "newProxyInstance");
  /**
   * The {@code java.lang.invoke} classes that lambdas and their bootstrap compile to, which the runtime may name (its
   * string concatenation is compiled inline: see its pom).
   */
  private static final Set<String> LINKAGE = Set.of("java.lang.invoke.MethodHandles",
      "java.lang.invoke.MethodHandles$Lookup", "java.lang.invoke.MethodHandle", "java.lang.invoke.MethodType",
      "java.lang.invoke.TypeDescriptor", "java.lang.invoke.LambdaMetafactory", "java.lang.invoke.CallSite");

  /** Makes the one lookup by name that {@link #noRuntimeClassLooksUpAClassOrAMemberByName} must see. */
  static final class LooksUpByName {
    static Class<?> find() throws ClassNotFoundException {
      return Class.forName("java.lang.String");
    }
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
