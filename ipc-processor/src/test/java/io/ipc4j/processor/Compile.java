package io.ipc4j.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor. */
final class Compile {
  private Compile() {}

  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new IpcProcessor()).withOptions("-Xlint:all", "-Xlint:-processing")
        .compile(withRuntime(sources));
  }

  /** Compiles on a class path without the jars whose names contain {@code excluded}. */
  static Compilation compileWithout(String excluded, JavaFileObject... sources) {
    List<File> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !new File(entry).getName().contains(excluded))
        .map(File::new)
        .collect(Collectors.toList());
    return javac().withProcessors(new IpcProcessor()).withClasspath(classPath).compile(withRuntime(sources));
  }

  /** The sources as a list; the runtime that generated code uses is on the test class path. */
  static List<JavaFileObject> withRuntime(JavaFileObject... sources) {
    return List.of(sources);
  }

  /** A test case source from {@code src/test/resources/cases}, e.g. {@code com/example/NotesApi.java}. */
  static JavaFileObject source(String path) {
    URL url = Compile.class.getClassLoader().getResource("cases/" + path);
    if (url == null) {
      throw new IllegalArgumentException("no test case " + path);
    }
    String name = path.substring(0, path.length() - ".java".length()).replace('/', '.');
    try {
      return JavaFileObjects.forSourceString(name, Files.readString(Path.of(url.toURI()), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cases of package {@code com.example} that the golden interfaces use. */
  static JavaFileObject[] example(String... names) {
    return Arrays.stream(names).map(n -> source("com/example/" + n + ".java")).toArray(JavaFileObject[]::new);
  }
}
