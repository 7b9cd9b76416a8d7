package io.ipc4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per diagnostic: its code, the file and the line it points at; and no code generated for errors. */
class DiagnosticsTest {
  private static JavaFileObject source(String name, String body) {
    return Compile.snippet(name, body);
  }

  private static void assertError(JavaFileObject src, String code, String line) {
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[" + code + "]").inFile(src).onLineContaining(line);
  }

  @Test
  void classIsNotAnInterface() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic class Api {}\n");
    assertError(src, "IpcNotInterface", "@IpcChannel");
  }

  @Test
  void annotationTypeIsNotAnInterface() {
    JavaFileObject src = source("Api", "@IpcEvents\npublic @interface Api {}\n");
    assertError(src, "IpcNotInterface", "@IpcEvents");
  }

  @Test
  void privateNestedInterfaceIsNotAccessible() {
    JavaFileObject src = source("Outer", "public class Outer {\n  @IpcChannel\n  private interface Api { void a(); }\n}\n");
    assertError(src, "IpcNotAccessible", "@IpcChannel");
  }

  @Test
  void genericInterface() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api<T> { void a(); }\n");
    assertError(src, "IpcGenericInterface", "@IpcChannel");
  }

  @Test
  void genericMethod() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n  <T> void put(String s);\n}\n");
    assertError(src, "IpcGenericMethod", "<T> void put");
  }

  @Test
  void objectParameterHasNoCodec() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n  void put(Object value);\n}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadErrorContaining("[IpcUnsupportedType] parameter 'value' of Api.put has type "
        + "java.lang.Object").inFile(src).onLineContaining("Object value");
    assertThat(compilation).hadErrorContaining("Object says nothing");
  }

  @Test
  void rawListHasNoCodec() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n  @SuppressWarnings(\"rawtypes\")\n"
        + "  void put(List values);\n}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadErrorContaining("[IpcUnsupportedType]").inFile(src).onLineContaining("List values");
    assertThat(compilation).hadErrorContaining("a raw List");
  }

  @Test
  void functionalInterfaceHasNoCodec() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n"
        + "  void run(java.util.function.Supplier<String> task);\n}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadErrorContaining("[IpcUnsupportedType]").inFile(src).onLineContaining("task");
    assertThat(compilation).hadErrorContaining("a function cannot cross");
  }

  @Test
  void streamThreadWebContentsAndWildcardHaveNoCodec() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n"
        + "  void a(java.util.stream.Stream<String> lines);\n"
        + "  void b(Thread worker);\n"
        + "  void c(io.ipc4j.WebContents window);\n"
        + "  void d(List<? extends Number> numbers);\n"
        + "}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadErrorContaining("a stream").inFile(src).onLineContaining("lines");
    assertThat(compilation).hadErrorContaining("a thread belongs").inFile(src).onLineContaining("worker");
    assertThat(compilation).hadErrorContaining("an ipc4j object").inFile(src).onLineContaining("window");
    assertThat(compilation).hadErrorContaining("a wildcard").inFile(src).onLineContaining("numbers");
    assertThat(compilation.errors().stream().filter(d -> d.getMessage(null).startsWith("[IpcUnsupportedType]"))
        .count()).isEqualTo(4);
  }

  @Test
  void unsupportedResultAndRecordComponentAreNamed() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n"
        + "  record Job(String name, Runnable task) {}\n"
        + "  Job next();\n"
        + "}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadErrorContaining("[IpcUnsupportedType] the result of Api.next has type test.Api.Job")
        .inFile(src).onLineContaining("Job next()");
    assertThat(compilation).hadErrorContaining("its component 'task' has type java.lang.Runnable");
  }

  @Test
  void sendNotVoid() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n  @Send String log(String line);\n}\n");
    assertError(src, "IpcSendNotVoid", "@Send String log");
  }

  @Test
  void eventNotVoid() {
    JavaFileObject src = source("Events", "@IpcEvents\npublic interface Events {\n  int changed(String id);\n}\n");
    assertError(src, "IpcEventNotVoid", "int changed");
  }

  @Test
  void sendSyncReturningAFuture() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n"
        + "  @SendSync CompletableFuture<String> settings();\n}\n");
    assertError(src, "IpcAsyncNotInvoke", "CompletableFuture<String> settings");
  }

  @Test
  void overloadsShareAChannel() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n"
        + "  String get(long id);\n"
        + "  String get(String name);\n}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadErrorContaining("[IpcDuplicateChannel] Api.get uses channel 'api:get', which Api.get")
        .inFile(src).onLineContaining("String get(String name)");
    assertThat(compilation.errors()).hasSize(1);
  }

  @Test
  void duplicateExplicitChannelIsReportedOnTheAnnotationValue() {
    JavaFileObject src = source("Api", "@IpcChannel(\"notes\")\npublic interface Api {\n"
        + "  void rename(String title);\n"
        + "  @Channel(\"notes:rename\") void retitle(String title);\n}\n");
    assertError(src, "IpcDuplicateChannel", "@Channel(\"notes:rename\") void retitle");
  }

  @Test
  void constantsThatWouldClash() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n"
        + "  void getAll();\n"
        + "  void get_all();\n}\n");
    assertError(src, "IpcConstantClash", "void get_all()");
  }

  @Test
  void sendAndSendSyncConflict() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n"
        + "  @Send\n  @SendSync\n  void ping();\n}\n");
    assertError(src, "IpcConflictingAnnotations", "@SendSync");
  }

  @Test
  void channelAndEventsOnOneInterfaceConflict() {
    JavaFileObject src = source("Api", "@IpcChannel\n@IpcEvents\npublic interface Api {\n  void ping();\n}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadErrorContaining("[IpcConflictingAnnotations]").inFile(src).onLineContaining("@IpcEvents");
    assertThat(compilation.errors()).hasSize(1);
  }

  @Test
  void styleAnnotationOnAnEventConflicts() {
    JavaFileObject src = source("Events", "@IpcEvents\npublic interface Events {\n  @Send void changed();\n}\n");
    assertError(src, "IpcConflictingAnnotations", "@Send void changed");
  }

  @Test
  void emptyPrefix() {
    JavaFileObject src = source("Api", "@IpcChannel(\"\")\npublic interface Api {\n  void ping();\n}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadErrorContaining("[IpcBadPrefix] channel prefix \"\" of test.Api is empty")
        .inFile(src).onLineContaining("@IpcChannel(\"\")");
  }

  @Test
  void prefixWithWhitespace() {
    JavaFileObject src = source("Events", "@IpcEvents(\"my notes\")\npublic interface Events {\n  void changed();\n}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadErrorContaining("[IpcBadPrefix] channel prefix \"my notes\" of test.Events contains "
        + "whitespace").inFile(src).onLineContaining("@IpcEvents(\"my notes\")");
  }

  @Test
  void blankChannel() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n  @Channel(\"  \") void ping();\n}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadErrorContaining("[IpcBadChannel] @Channel(\"  \") on Api.ping is blank")
        .inFile(src).onLineContaining("@Channel(\"  \")");
  }

  @Test
  void nonPositiveTimeoutOnMethodAndInterface() {
    JavaFileObject src = source("Api", "@IpcChannel\n@Timeout(-1)\npublic interface Api {\n"
        + "  @Timeout(value = 0, unit = TimeUnit.MILLISECONDS) void ping();\n}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadErrorContaining("[IpcBadTimeout] @Timeout(-1) on test.Api").inFile(src)
        .onLineContaining("@Timeout(-1)");
    assertThat(compilation).hadErrorContaining("[IpcBadTimeout] @Timeout(0) on Api.ping").inFile(src)
        .onLineContaining("@Timeout(value = 0");
  }

  @Test
  void timeoutOnASendIsAWarningAndCodeIsStillGenerated() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n  @Send @Timeout(1) void log(String s);\n}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[IpcTimeoutIgnored]").inFile(src).onLineContaining("@Timeout(1)");
    assertThat(compilation.generatedSourceFile("test.ApiIpc")).isPresent();
  }

  @Test
  void checkedExceptionWithoutStringConstructor() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n"
        + "  class Opaque extends Exception { public Opaque(int code) {} }\n"
        + "  String read() throws Opaque;\n}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadErrorContaining("[IpcExceptionNotRebuildable] Api.read declares test.Api.Opaque")
        .inFile(src).onLineContaining("String read() throws Opaque");
  }

  @Test
  void checkedExceptionOnASend() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n"
        + "  @Send void write(String s) throws java.io.IOException;\n}\n");
    assertError(src, "IpcExceptionOnOneWay", "void write");
  }

  @Test
  void checkedExceptionOnAnEvent() {
    JavaFileObject src = source("Events", "@IpcEvents\npublic interface Events {\n"
        + "  void changed() throws java.io.IOException;\n}\n");
    assertError(src, "IpcExceptionOnOneWay", "void changed()");
  }

  @Test
  void uncheckedDeclaredExceptionsNeedNothing() {
    JavaFileObject src = source("Api", "@IpcChannel\npublic interface Api {\n"
        + "  String read() throws IllegalStateException;\n}\n");
    assertThat(Compile.compile(src)).succeededWithoutWarnings();
  }

  @Test
  void problemOnAMethodInheritedFromACompiledInterfaceIsReportedOnTheAnnotatedInterface() {
    JavaFileObject base = JavaFileObjects.forSourceString("lib.Base", "package lib;\n\n"
        + "public interface Base {\n  void put(Object value);\n}\n");
    JavaFileObject api = source("Api", "@IpcChannel\npublic interface Api extends lib.Base {\n  void ping();\n}\n");
    Compilation compilation = Compile.compileAgainstCompiled(java.util.List.of(base), api);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[IpcUnsupportedType]").inFile(api).onLineContaining("@IpcChannel");
    assertThat(compilation).hadErrorContaining("put(java.lang.Object) comes from lib.Base, which is compiled");
    assertThat(compilation.errors()).hasSize(1);
  }

  @Test
  void problemOnAMethodInheritedFromASourceInterfaceStaysOnThatMethod() {
    JavaFileObject base = JavaFileObjects.forSourceString("test.Base", "package test;\n\n"
        + "public interface Base {\n  void put(Object value);\n}\n");
    JavaFileObject api = source("Api", "@IpcChannel\npublic interface Api extends Base {\n  void ping();\n}\n");
    Compilation compilation = Compile.compile(base, api);
    assertThat(compilation).hadErrorContaining("[IpcUnsupportedType]").inFile(base).onLineContaining("Object value");
    assertThat(compilation.errors()).hasSize(1);
    assertThat(compilation.errors().get(0).getMessage(null)).doesNotContain("compiled");
  }

  @Test
  void everyErrorIsReportedInOneBuild() {
    JavaFileObject api = source("Api", "@IpcChannel(\" \")\npublic interface Api {\n"
        + "  <T> void generic();\n"
        + "  void object(Object o);\n"
        + "  @Send int send();\n"
        + "  @Timeout(0) void late();\n"
        + "}\n");
    JavaFileObject events = source("Events", "@IpcEvents\npublic interface Events {\n  String changed();\n}\n");
    JavaFileObject clazz = source("Impl", "@IpcChannel\npublic class Impl {}\n");
    Compilation compilation = Compile.compile(api, events, clazz);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[IpcBadPrefix]").inFile(api).onLineContaining("@IpcChannel(\" \")");
    assertThat(compilation).hadErrorContaining("[IpcGenericMethod]").inFile(api).onLineContaining("generic()");
    assertThat(compilation).hadErrorContaining("[IpcUnsupportedType]").inFile(api).onLineContaining("Object o");
    assertThat(compilation).hadErrorContaining("[IpcSendNotVoid]").inFile(api).onLineContaining("int send()");
    assertThat(compilation).hadErrorContaining("[IpcBadTimeout]").inFile(api).onLineContaining("@Timeout(0)");
    assertThat(compilation).hadErrorContaining("[IpcEventNotVoid]").inFile(events).onLineContaining("changed()");
    assertThat(compilation).hadErrorContaining("[IpcNotInterface]").inFile(clazz).onLineContaining("@IpcChannel");
    assertThat(compilation.errors()).hasSize(7);
  }

  @Test
  void everyDiagnosticMessageStartsWithItsCode() {
    Compilation compilation = Compile.compile(source("Api", "@IpcChannel\npublic interface Api<T> {\n"
        + "  void a(Object o);\n}\n"));
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      assertThat(d.getMessage(null)).matches("(?s)\\[Ipc[A-Za-z]+\\] .*");
    }
    assertThat(compilation.errors()).hasSize(2);
  }
}
