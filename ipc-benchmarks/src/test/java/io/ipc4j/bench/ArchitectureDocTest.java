package io.ipc4j.bench;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md stays true to the code: its walk of one in-process invoke names, once each, every file a
 * traced call runs code in; its walk over sockets names each file once; and every class the page names exists.
 */
class ArchitectureDocTest {
  private static final Path DOC = Path.of("..", "docs", "architecture.md");
  private static final Pattern NAMED = Pattern.compile("`([A-Z][A-Za-z0-9_]*)");
  private static final Pattern DECLARED = Pattern.compile("\\b(?:class|interface|record|enum) ([A-Z]\\w*)");
  private static final Pattern STATED_COUNT = Pattern.compile("runs code in, in order \\((\\d+)\\)");
  /** Names the page uses that are not the project's classes: the JDK's and JavaPoet's, and the example's. */
  private static final Set<String> ELSEWHERE = Set.of("CompletionStage", "Flow", "InterruptedException",
      "NameAllocator", "ProcessBuilder", "OP_WRITE", "NotesApiIpc", "NoteCodec");

  private final String doc = read(DOC);

  @Test
  void theInProcessWalkNamesEveryFileATracedCallEntersOnce() throws Exception {
    assumeTrue(Runtime.version().feature() >= 25, "tracing methods with Flight Recorder needs JDK 25");
    Map<String, Integer> named = timesNamed(section("## One typed invoke, in process", "If the deadline passes first"));
    List<String> files = CallPath.trace().files();
    Matcher stated = STATED_COUNT.matcher(doc);
    assertWithMessage("the page states how many files the call runs code in").that(stated.find()).isTrue();
    assertWithMessage("files the call runs code in, as the page states it")
        .that(Integer.parseInt(stated.group(1))).isEqualTo(files.size());
    List<String> missing = new ArrayList<>();
    for (String file : files) {
      String simple = file.substring(file.lastIndexOf('.') + 1);
      String asDocumented = simple.equals("PathApiIpc") ? "NotesApiIpc" : simple; // the page's example interface
      if (!named.containsKey(asDocumented)) {
        missing.add(file);
      }
    }
    assertWithMessage("files the call runs code in that the walk does not name").that(missing).isEmpty();
    named.values().removeIf(n -> n == 1);
    assertWithMessage("files the walk names more than once").that(named).isEmpty();
  }

  @Test
  void theWalkOverSocketsNamesEachFileOfTheTransportOnce() {
    Map<String, Integer> named = timesNamed(section("## The same invoke over sockets", "## Streams and MessagePorts"));
    assertThat(named).containsKey("SocketClient");
    named.values().removeIf(n -> n == 1);
    assertWithMessage("files the walk over sockets names more than once").that(named).isEmpty();
  }

  @Test
  void everyClassThePageNamesExists() throws IOException {
    Set<String> classes = new TreeSet<>();
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      for (Path sources : modules.map(m -> m.resolve("src")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(sources)) {
          files.filter(p -> p.toString().endsWith(".java")).forEach(p -> classes.addAll(declaredIn(p)));
        }
      }
    }
    Set<String> unknown = new TreeSet<>(namesIn(doc));
    unknown.removeAll(classes);
    unknown.removeAll(ELSEWHERE);
    assertWithMessage("names in docs/architecture.md that no source declares (renamed or removed?)")
        .that(unknown).isEmpty();
    assertThat(classes).contains("MainDispatch"); // the sources were found
  }

  private String section(String from, String to) {
    int start = doc.indexOf(from);
    int end = doc.indexOf(to, start);
    assertWithMessage("docs/architecture.md has the section " + from).that(start >= 0 && end > start).isTrue();
    return doc.substring(start, end);
  }

  /** How many times {@code text} names each class. */
  private static Map<String, Integer> timesNamed(String text) {
    Map<String, Integer> named = new HashMap<>();
    for (String name : namesIn(text)) {
      named.merge(name, 1, Integer::sum);
    }
    return named;
  }

  /** The class names a text names in code spans: {@code `Name`}, {@code `Name.member`}, {@code `Name(…)`}. */
  private static List<String> namesIn(String text) {
    List<String> names = new ArrayList<>();
    Matcher m = NAMED.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Set<String> declaredIn(Path source) {
    Set<String> names = new TreeSet<>();
    Matcher m = DECLARED.matcher(read(source));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
