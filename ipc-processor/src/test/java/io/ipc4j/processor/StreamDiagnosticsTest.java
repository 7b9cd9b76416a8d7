package io.ipc4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What cannot be a stream method, one test per diagnostic: its code, the file and the line it points at. A stream
 * is an invoke method returning {@code Flow.Publisher<T>} of one exact type that can cross the wire; raw and
 * wildcard publishers are refused rather than guessed at.
 */
class StreamDiagnosticsTest {
  private static JavaFileObject api(String methods) {
    return Compile.snippet("Api", "@IpcChannel\npublic interface Api {\n"
        + "  record Note(long id, String title) {}\n"
        + methods + "}\n");
  }

  private static Compilation assertOnlyError(JavaFileObject src, String code, String line) {
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[" + code + "]").inFile(src).onLineContaining(line);
    assertThat(compilation.errors()).hasSize(1);
    return compilation;
  }

  @Test
  void aPublisherOnASendIsRefusedOnceAsNotAStream() {
    Compilation compilation = assertOnlyError(api("  @Send Flow.Publisher<Note> notes();\n"),
        "IpcStreamNotInvoke", "Flow.Publisher<Note> notes()");
    assertThat(compilation).hadErrorContaining("@Send method Api.notes returns a Flow.Publisher, but a stream "
        + "method cannot be @Send");
  }

  @Test
  void aPublisherOnASendSyncIsRefused() {
    assertOnlyError(api("  @SendSync\n  Flow.Publisher<String> titles();\n"), "IpcStreamNotInvoke",
        "Flow.Publisher<String> titles()");
  }

  @Test
  void aRawPublisherIsRefused() {
    Compilation compilation = assertOnlyError(api("  @SuppressWarnings(\"rawtypes\")\n"
        + "  Flow.Publisher notes();\n"), "IpcRawStream", "Flow.Publisher notes()");
    assertThat(compilation).hadErrorContaining("Api.notes returns java.util.concurrent.Flow.Publisher, which says "
        + "nothing exact about its items");
  }

  @Test
  void anUnboundedWildcardPublisherIsRefused() {
    assertOnlyError(api("  Flow.Publisher<?> notes();\n"), "IpcRawStream", "Flow.Publisher<?> notes()");
  }

  @Test
  void aBoundedWildcardPublisherIsRefusedToo() {
    assertOnlyError(api("  Flow.Publisher<? extends Note> notes();\n"), "IpcRawStream",
        "Flow.Publisher<? extends Note> notes()");
  }

  @Test
  void anItemTypeWithNoCodecIsRefusedAndSaysWhy() {
    Compilation compilation = assertOnlyError(api("  record Job(String name, Runnable task) {}\n"
        + "  Flow.Publisher<Job> jobs();\n"), "IpcUnsupportedStreamItem", "Flow.Publisher<Job> jobs()");
    assertThat(compilation).hadErrorContaining("the items of stream Api.jobs have type test.Api.Job, which cannot "
        + "cross the wire because its component 'task' has type java.lang.Runnable");
  }

  @Test
  void anObjectItemIsRefused() {
    Compilation compilation = assertOnlyError(api("  Flow.Publisher<Object> things();\n"),
        "IpcUnsupportedStreamItem", "Flow.Publisher<Object> things()");
    assertThat(compilation).hadErrorContaining("Object says nothing");
  }

  @Test
  void anOptionalItemIsRefusedSinceItemsAreNeverNull() {
    Compilation compilation = assertOnlyError(api("  Flow.Publisher<Optional<Note>> notes();\n"),
        "IpcUnsupportedStreamItem", "Flow.Publisher<Optional<Note>> notes()");
    assertThat(compilation).hadErrorContaining("a stream's items are never null");
  }

  @Test
  void aStreamOfStreamsIsRefusedAsNested() {
    Compilation compilation = assertOnlyError(api("  Flow.Publisher<Flow.Publisher<Note>> pages();\n"),
        "IpcNestedStream", "Flow.Publisher<Flow.Publisher<Note>> pages()");
    assertThat(compilation).hadErrorContaining("return Flow.Publisher<test.Api.Note> instead");
  }

  @Test
  void aFutureOfAStreamIsRefusedAsNested() {
    Compilation compilation = assertOnlyError(api("  CompletableFuture<Flow.Publisher<String>> titles();\n"),
        "IpcNestedStream", "CompletableFuture<Flow.Publisher<String>> titles()");
    assertThat(compilation).hadErrorContaining("return Flow.Publisher<java.lang.String> instead");
  }

  @Test
  void aPublisherParameterIsRefusedAsAType() {
    Compilation compilation = assertOnlyError(api("  void put(Flow.Publisher<Note> notes);\n"),
        "IpcUnsupportedType", "Flow.Publisher<Note> notes");
    assertThat(compilation).hadErrorContaining("a publisher can only be the result of an invoke method");
  }

  @Test
  void anotherPublisherTypeIsRefusedWithTheFix() {
    Compilation compilation = assertOnlyError(api("  SubmissionPublisher<Note> notes();\n"),
        "IpcUnsupportedType", "SubmissionPublisher<Note> notes()");
    assertThat(compilation).hadErrorContaining("declared as Flow.Publisher<T>");
  }

  @Test
  void aPublisherOnAnEventIsAnEventThatReturnsSomething() {
    JavaFileObject src = Compile.snippet("Events", "@IpcEvents\npublic interface Events {\n"
        + "  Flow.Publisher<String> changed();\n}\n");
    assertOnlyError(src, "IpcEventNotVoid", "Flow.Publisher<String> changed()");
  }

  @Test
  void aTimeoutOnAStreamIsAWarning() {
    JavaFileObject src = api("  @Timeout(5)\n  Flow.Publisher<Note> notes();\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation).hadWarningContaining("[IpcTimeoutIgnored] @Timeout on Api.notes has no effect "
        + "because a stream has no deadline").inFile(src).onLineContaining("@Timeout(5)");
    assertThat(compilation).succeeded();
    assertThat(compilation.generatedSourceFile("test.ApiIpc")).isPresent();
  }

  @Test
  void aTimeoutOnTheInterfaceDoesNotWarnAboutItsStreams() {
    JavaFileObject src = Compile.snippet("Api", "@IpcChannel\n@Timeout(5)\npublic interface Api {\n"
        + "  Flow.Publisher<String> titles();\n  String title(long id);\n}\n");
    Compilation compilation = Compile.compile(src);
    assertThat(compilation.warnings().stream().filter(w -> w.getMessage(null).contains("IpcTimeoutIgnored"))
        .count()).isEqualTo(0);
    assertThat(compilation).succeeded();
    assertThat(compilation.generatedSourceFile("test.ApiIpc")).isPresent();
  }
}
