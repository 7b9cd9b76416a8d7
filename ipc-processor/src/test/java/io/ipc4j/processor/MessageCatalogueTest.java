package io.ipc4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.ipc4j.processor.Message.Detail;
import java.io.IOException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Walks the whole message catalogue: every code is unique and has the {@code [Ipc...]} form, and every entry and
 * every phrase is produced by a negative case in the tables below. A new entry without a case fails here.
 */
class MessageCatalogueTest {
  /** Sources to compile, and where the diagnostic goes: the first source, on the line containing {@code line}. */
  private record Case(List<JavaFileObject> dependency, List<JavaFileObject> sources, String line) {
    Compilation compile() {
      JavaFileObject[] all = sources.toArray(JavaFileObject[]::new);
      return dependency.isEmpty() ? Compile.compile(all) : Compile.compileAgainstCompiled(dependency, all);
    }
  }

  private static Case of(String body, String line) {
    return new Case(List.of(), List.of(source("Api", body)), line);
  }

  private static JavaFileObject source(String name, String body) {
    return Compile.snippet(name, body);
  }

  private static final Case WRITE_FAILS = new Case(List.of(), List.of(
      source("Api", "@IpcChannel\npublic interface Api {\n  void ping();\n}\n"),
      source("ApiIpc", "public class ApiIpc {}\n")), "public interface Api");

  private static final Map<Message, Case> ENTRIES = new EnumMap<>(Map.ofEntries(
      Map.entry(Message.NOT_INTERFACE, of("@IpcChannel\npublic class Api {}\n", "@IpcChannel")),
      Map.entry(Message.NOT_ACCESSIBLE, new Case(List.of(), List.of(source("Outer",
          "public class Outer {\n  @IpcChannel\n  private interface Api { void a(); }\n}\n")), "@IpcChannel")),
      Map.entry(Message.GENERIC_INTERFACE, of("@IpcChannel\npublic interface Api<T> { void a(); }\n", "@IpcChannel")),
      Map.entry(Message.GENERIC_METHOD, of("@IpcChannel\npublic interface Api {\n  <T> void a();\n}\n", "<T>")),
      Map.entry(Message.UNSUPPORTED_TYPE, of("@IpcChannel\npublic interface Api {\n  void a(Object o);\n}\n",
          "Object o")),
      Map.entry(Message.SEND_NOT_VOID, of("@IpcChannel\npublic interface Api {\n  @Send int a();\n}\n", "int a()")),
      Map.entry(Message.EVENT_NOT_VOID, of("@IpcEvents\npublic interface Api {\n  int a();\n}\n", "int a()")),
      Map.entry(Message.ASYNC_NOT_INVOKE, of("@IpcChannel\npublic interface Api {\n"
          + "  @SendSync CompletableFuture<String> a();\n}\n", "CompletableFuture<String> a()")),
      Map.entry(Message.STREAM_NOT_INVOKE, of("@IpcChannel\npublic interface Api {\n"
          + "  @Send Flow.Publisher<String> a();\n}\n", "Flow.Publisher<String> a()")),
      Map.entry(Message.RAW_STREAM, of("@IpcChannel\npublic interface Api {\n  Flow.Publisher<?> a();\n}\n",
          "Flow.Publisher<?> a()")),
      Map.entry(Message.UNSUPPORTED_STREAM_ITEM, of("@IpcChannel\npublic interface Api {\n"
          + "  Flow.Publisher<Object> a();\n}\n", "Flow.Publisher<Object> a()")),
      Map.entry(Message.NESTED_STREAM, of("@IpcChannel\npublic interface Api {\n"
          + "  CompletableFuture<Flow.Publisher<String>> a();\n}\n", "Flow.Publisher<String>> a()")),
      Map.entry(Message.DUPLICATE_CHANNEL, of("@IpcChannel\npublic interface Api {\n  void a(int x);\n"
          + "  void a(String y);\n}\n", "String y")),
      Map.entry(Message.CONSTANT_CLASH, of("@IpcChannel\npublic interface Api {\n  void getAll();\n"
          + "  void get_all();\n}\n", "get_all")),
      Map.entry(Message.CONFLICTING_ANNOTATIONS, of("@IpcChannel\npublic interface Api {\n  @Send\n  @SendSync\n"
          + "  void a();\n}\n", "@SendSync")),
      Map.entry(Message.BAD_PREFIX, of("@IpcChannel(\"\")\npublic interface Api {\n  void a();\n}\n",
          "@IpcChannel(\"\")")),
      Map.entry(Message.BAD_CHANNEL, of("@IpcChannel\npublic interface Api {\n  @Channel(\" \") void a();\n}\n",
          "@Channel")),
      Map.entry(Message.BAD_TIMEOUT, of("@IpcChannel\npublic interface Api {\n  @Timeout(0) void a();\n}\n",
          "@Timeout(0)")),
      Map.entry(Message.TIMEOUT_IGNORED, of("@IpcChannel\npublic interface Api {\n  @Send @Timeout(1) void a();\n}\n",
          "@Timeout(1)")),
      Map.entry(Message.EXCEPTION_NOT_REBUILDABLE, of("@IpcChannel\npublic interface Api {\n"
          + "  class Opaque extends Exception { public Opaque(int code) {} }\n"
          + "  String read() throws Opaque;\n}\n", "String read()")),
      Map.entry(Message.EXCEPTION_ON_ONE_WAY, of("@IpcChannel\npublic interface Api {\n"
          + "  @Send void a() throws java.io.IOException;\n}\n", "void a()")),
      Map.entry(Message.MISSING_TYPE, of("@IpcChannel\npublic interface Api {\n  Missing a();\n}\n",
          "public interface Api")),
      Map.entry(Message.INTERNAL_ERROR, WRITE_FAILS)));

  private static Case unsupported(String parameter) {
    return of("@IpcChannel\npublic interface Api {\n  void a(" + parameter + ");\n}\n", parameter);
  }

  private static final Map<Detail, Case> DETAILS = new EnumMap<>(Map.ofEntries(
      Map.entry(Detail.CONFLICT_CHANNEL_AND_EVENTS, of("@IpcChannel\n@IpcEvents\npublic interface Api {\n"
          + "  void a();\n}\n", "@IpcEvents")),
      Map.entry(Detail.CONFLICT_STYLE_ON_EVENT, of("@IpcEvents\npublic interface Api {\n  @Send void a();\n}\n",
          "@Send")),
      Map.entry(Detail.CONFLICT_TWO_STYLES, ENTRIES.get(Message.CONFLICTING_ANNOTATIONS)),
      Map.entry(Detail.NAME_EMPTY, ENTRIES.get(Message.BAD_PREFIX)),
      Map.entry(Detail.NAME_BLANK, ENTRIES.get(Message.BAD_CHANNEL)),
      Map.entry(Detail.NAME_WHITESPACE, of("@IpcEvents(\"my notes\")\npublic interface Api {\n  void a();\n}\n",
          "my notes")),
      Map.entry(Detail.EVENT_NO_REPLY, of("@IpcEvents\n@Timeout(1)\npublic interface Api {\n  void a();\n}\n",
          "@Timeout(1)")),
      Map.entry(Detail.SEND_NO_REPLY, ENTRIES.get(Message.TIMEOUT_IGNORED)),
      Map.entry(Detail.STREAM_NO_DEADLINE, of("@IpcChannel\npublic interface Api {\n"
          + "  @Timeout(1) Flow.Publisher<String> a();\n}\n", "@Timeout(1)")),
      Map.entry(Detail.EVENT_ONE_WAY, of("@IpcEvents\npublic interface Api {\n"
          + "  void a() throws java.io.IOException;\n}\n", "void a()")),
      Map.entry(Detail.SEND_ONE_WAY, ENTRIES.get(Message.EXCEPTION_ON_ONE_WAY)),
      Map.entry(Detail.PARAMETER, ENTRIES.get(Message.UNSUPPORTED_TYPE)),
      Map.entry(Detail.RESULT, of("@IpcChannel\npublic interface Api {\n  Object a();\n}\n", "Object a()")),
      Map.entry(Detail.RAW_FUTURE, of("@IpcChannel\npublic interface Api {\n  @SuppressWarnings(\"rawtypes\")\n"
          + "  CompletableFuture a();\n}\n", "CompletableFuture a()")),
      Map.entry(Detail.RAW_CONTAINER, unsupported("@SuppressWarnings(\"rawtypes\") Map values")),
      Map.entry(Detail.GENERIC_ARRAY, unsupported("List<String>[] lists")),
      Map.entry(Detail.TYPE_VARIABLE, of("@IpcChannel\npublic interface Api {\n  <T> void a(T value);\n}\n",
          "T value")),
      Map.entry(Detail.WILDCARD, unsupported("List<? extends Number> numbers")),
      Map.entry(Detail.OBJECT, ENTRIES.get(Message.UNSUPPORTED_TYPE)),
      Map.entry(Detail.NESTED_OPTIONAL, unsupported("List<Optional<String>> values")),
      Map.entry(Detail.GENERIC_RECORD, of("@IpcChannel\npublic interface Api {\n  record Box<T>(T value) {}\n"
          + "  void a(Box<String> box);\n}\n", "Box<String> box")),
      Map.entry(Detail.IPC4J_OBJECT, unsupported("io.ipc4j.WebContents window")),
      Map.entry(Detail.PUBLISHER, unsupported("Flow.Publisher<String> items")),
      Map.entry(Detail.OPTIONAL_ITEM, of("@IpcChannel\npublic interface Api {\n"
          + "  Flow.Publisher<Optional<String>> a();\n}\n", "Flow.Publisher<Optional<String>> a()")),
      Map.entry(Detail.FUTURE, unsupported("Future<String> later")),
      Map.entry(Detail.THREAD, unsupported("Thread worker")),
      Map.entry(Detail.STREAM, unsupported("java.util.stream.Stream<String> lines")),
      Map.entry(Detail.OTHER_COLLECTION, unsupported("ArrayList<String> values")),
      Map.entry(Detail.FUNCTION, unsupported("java.util.function.Supplier<String> task")),
      Map.entry(Detail.NO_CODEC, unsupported("java.io.File file")),
      Map.entry(Detail.CONTAINS, unsupported("List<Object> values")),
      Map.entry(Detail.COMPONENT, of("@IpcChannel\npublic interface Api {\n  record Job(Runnable task) {}\n"
          + "  void a(Job job);\n}\n", "Job job")),
      Map.entry(Detail.CANNOT_WRITE, WRITE_FAILS),
      Map.entry(Detail.FROM_COMPILED_TYPE, new Case(
          List.of(JavaFileObjects.forSourceString("lib.Base", "package lib;\n\npublic interface Base {\n"
              + "  void put(Object value);\n}\n")),
          List.of(source("Api", "@IpcChannel\npublic interface Api extends lib.Base {}\n")), "@IpcChannel"))));

  @Test
  void everyCodeIsUniqueAndBracketed() {
    Set<String> codes = new HashSet<>();
    for (Message m : Message.values()) {
      assertThat(m.code()).matches("Ipc[A-Z][A-Za-z]+");
      assertWithMessage("code of %s", m).that(codes.add(m.code())).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Message.class)
  void everyEntryIsProducedByANegativeCaseAtItsSite(Message m) throws IOException {
    assertProducedAtSite(m, ENTRIES.get(m),
        d -> d.getKind() == m.kind() && matches(d, "[" + m.code() + "] " + m.template(), true));
  }

  @ParameterizedTest
  @EnumSource(Detail.class)
  void everyPhraseIsProducedByANegativeCaseAtItsSite(Detail detail) throws IOException {
    assertProducedAtSite(detail, DETAILS.get(detail), d -> matches(d, detail.template(), false));
  }

  /** Compiles the case of {@code entry} and finds a diagnostic that {@code fits}, in its file, on its line. */
  private static void assertProducedAtSite(Enum<?> entry, Case c, Predicate<Diagnostic<?>> fits)
      throws IOException {
    assertWithMessage("no negative case produces %s; add one to the table", entry).that(c).isNotNull();
    JavaFileObject file = c.sources().get(0);
    String[] lines = file.getCharContent(true).toString().split("\n", -1);
    List<? extends Diagnostic<? extends JavaFileObject>> all = c.compile().diagnostics();
    assertWithMessage("a diagnostic of %s in %s on the line containing %s, among %s", entry, file.getName(),
        c.line(), all).that(all.stream().anyMatch(d -> fits.test(d)
            && d.getSource() != null && d.getSource().getName().equals(file.getName())
            && d.getLineNumber() > 0 && lines[(int) d.getLineNumber() - 1].contains(c.line()))).isTrue();
  }

  /** Whether the message holds the template (at its start, if {@code atStart}), any text filling each blank. */
  private static boolean matches(Diagnostic<?> d, String template, boolean atStart) {
    Matcher blanks = Pattern.compile("%(\\d+\\$)?[sdn]").matcher(template);
    StringBuilder regex = new StringBuilder(atStart ? "(?s)" : "(?s).*");
    int last = 0;
    while (blanks.find()) {
      regex.append(Pattern.quote(template.substring(last, blanks.start()))).append(".*");
      last = blanks.end();
    }
    regex.append(Pattern.quote(template.substring(last))).append(".*");
    return d.getMessage(null).matches(regex.toString());
  }
}
