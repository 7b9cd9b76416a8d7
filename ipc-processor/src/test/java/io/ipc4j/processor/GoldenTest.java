package io.ipc4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated source of representative interfaces, compared as exact text with the files under
 * {@code src/test/resources/golden}. Run with {@code -Dipc4j.golden.update=true} to rewrite them after an
 * intended change, then review the diff.
 */
class GoldenTest {
  static Compilation compileExamples() {
    return Compile.compile(Compile.example(
        "NotesApi", "Note", "Priority", "Settings", "NoteNotFound", "NotesEvents", "Outer", "FeedApi"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"com.example.NotesApiIpc", "com.example.NotesEventsIpc", "com.example.Outer_InnerIpc",
      "com.example.FeedApiIpc"})
  void generatedSourceMatchesGoldenFile(String generated) throws Exception {
    Compilation compilation = compileExamples();
    assertThat(compilation).succeededWithoutWarnings();
    JavaFileObject file = compilation.generatedSourceFile(generated).orElseThrow();
    String actual = file.getCharContent(true).toString();
    String relative = generated.replace('.', '/') + ".java";
    if (Boolean.getBoolean("ipc4j.golden.update")) {
      Path target = Path.of(System.getProperty("ipc4j.golden.dir")).resolve(relative);
      Files.createDirectories(target.getParent());
      Files.writeString(target, actual, StandardCharsets.UTF_8);
      return;
    }
    URL golden = GoldenTest.class.getClassLoader().getResource("golden/" + relative);
    if (golden == null) {
      throw new AssertionError("no golden file for " + generated + "; run with -Dipc4j.golden.update=true");
    }
    assertThat(actual).isEqualTo(read(golden));
  }

  private static String read(URL url) throws IOException {
    try {
      return Files.readString(Path.of(url.toURI()), StandardCharsets.UTF_8);
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
