package io.ipc4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The serving side catches a method's declared checked exceptions, each before its supertypes whatever order they
 * are declared in, so that what is thrown is reported as the most specific declared type (and javac finds no
 * unreachable {@code catch}); a returned future or stream is wrapped with the same types in the same order, for a
 * failure that comes later.
 */
class DeclaredExceptionOrderTest {
  @Test
  void subtypesAreCaughtBeforeTheirSupertypesAndEachTypeOnce() throws IOException {
    Compilation compilation = Compile.compile(JavaFileObjects.forSourceString("test.Disk", """
        package test;

        import java.io.FileNotFoundException;
        import java.io.IOException;
        import java.util.concurrent.TimeoutException;

        @io.ipc4j.annotations.IpcChannel
        public interface Disk {
          String read(String path) throws Exception, IOException, TimeoutException, FileNotFoundException,
              IOException;
        }
        """));
    assertThat(compilation).succeededWithoutWarnings();
    String source = compilation.generatedSourceFile("test.DiskIpc").orElseThrow().getCharContent(true).toString();
    String served = source.substring(source.indexOf("ipcMain.handle(READ"), source.indexOf("Calls.closeAll"));
    assertThat(served).containsMatch("(?s)catch \\(FileNotFoundException e\\).*catch \\(IOException e\\)"
        + ".*catch \\(TimeoutException e\\).*catch \\(Exception e\\)");
    assertThat(served.split("catch \\(IOException e\\)", -1)).hasLength(2);
    assertThat(served).contains("throw Calls.declared(\"java.io.FileNotFoundException\", e);");
  }

  @Test
  void aReturnedFutureOrStreamIsWrappedWithTheDeclaredTypesMostSpecificFirst() throws IOException {
    Compilation compilation = Compile.compile(JavaFileObjects.forSourceString("test.Disk", """
        package test;

        import java.io.FileNotFoundException;
        import java.io.IOException;
        import java.util.Optional;
        import java.util.concurrent.CompletionStage;
        import java.util.concurrent.Flow;

        @io.ipc4j.annotations.IpcChannel
        public interface Disk {
          CompletionStage<String> read(String path) throws IOException, FileNotFoundException;

          CompletionStage<Optional<String>> find(String path) throws IOException;

          Flow.Publisher<String> lines(String path) throws IOException, FileNotFoundException;

          Flow.Publisher<String[]> pages(String path) throws IOException;

          CompletionStage<String> plain(String path);

          CompletionStage<Optional<String>> maybe(String path);
        }
        """));
    assertThat(compilation).succeededWithoutWarnings();
    String source = compilation.generatedSourceFile("test.DiskIpc").orElseThrow().getCharContent(true).toString();
    String served = source.substring(source.indexOf("ipcMain.handle(READ"), source.indexOf("Calls.closeAll"));
    assertThat(served).containsMatch("return Calls\\.declaring\\(impl\\.read\\([^;]*"
        + "\\), FileNotFoundException\\.class, IOException\\.class\\);");
    assertThat(served).containsMatch("return Calls\\.declaring\\(Calls\\.untypedFuture\\(impl\\.find\\([^;]*"
        + "\\)\\), IOException\\.class\\);");
    assertThat(served).containsMatch("return Calls\\.declaring\\(impl\\.lines\\([^;]*"
        + "\\), FileNotFoundException\\.class, IOException\\.class\\);");
    assertThat(served).containsMatch("return Calls\\.untypedStream\\(Calls\\.declaring\\(impl\\.pages\\([^;]*"
        + "\\), IOException\\.class\\), \"item of disk:pages\"\\);");
    assertThat(served).containsMatch("ipcMain\\.handle\\(PLAIN, \\(event, args\\) -> impl\\.plain\\(");
    // A future whose result has an untyped form is mapped by the runtime, which passes a cancel on.
    assertThat(served).containsMatch(
        "ipcMain\\.handle\\(MAYBE, \\(event, args\\) -> Calls\\.untypedFuture\\(impl\\.maybe\\(");
  }
}
