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
 * unreachable {@code catch}).
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
}
