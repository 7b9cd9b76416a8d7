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
    return compileWithout(excluded, List.of(), sources);
  }

  /** Compiles with {@code options} on a class path without the jars whose names contain {@code excluded}. */
  static Compilation compileWithout(String excluded, List<String> options, JavaFileObject... sources) {
    List<File> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !new File(entry).getName().contains(excluded))
        .map(File::new)
        .collect(Collectors.toList());
    return javac().withProcessors(new IpcProcessor()).withClasspath(classPath).withOptions(options)
        .compile(withRuntime(sources));
  }

  /**
   * Compiles {@code dependency} to class files first (without the processor), then {@code sources} with the
   * processor and those class files on the class path: as a super-interface from a jar is seen.
   */
  static Compilation compileAgainstCompiled(List<JavaFileObject> dependency, JavaFileObject... sources) {
    Compilation first = javac().compile(dependency);
    if (first.status() != Compilation.Status.SUCCESS) {
      throw new IllegalStateException("the dependency does not compile: " + first.errors());
    }
    // javac has read the class files once it returns: the compilation holds what it made. Closing deletes them; a
    // failure to delete is added to the compilation's own failure as suppressed, never thrown over it.
    try (TempTree classes = new TempTree(Files.createTempDirectory("ipc4j-dependency"))) {
      for (JavaFileObject file : first.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String name = file.toUri().getPath();
          Path target = classes.root().resolve(
              name.substring(name.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length()));
          Files.createDirectories(target.getParent());
          try (var in = file.openInputStream()) {
            Files.write(target, in.readAllBytes());
          }
        }
      }
      List<File> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .map(File::new)
          .collect(Collectors.toCollection(java.util.ArrayList::new));
      classPath.add(classes.root().toFile());
      return javac().withProcessors(new IpcProcessor()).withClasspath(classPath).compile(sources);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A directory and all below it, deleted when closed. */
  private record TempTree(Path root) implements AutoCloseable {
    @Override
    public void close() {
      try (java.util.stream.Stream<Path> files = Files.walk(root)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not delete " + root, e);
      }
    }
  }

  /** The sources as a list; the runtime that generated code uses is on the test class path. */
  static List<JavaFileObject> withRuntime(JavaFileObject... sources) {
    return List.of(sources);
  }

  /** A source {@code test.<name>} with the imports every snippet uses, then {@code body}. */
  static JavaFileObject snippet(String name, String body) {
    return JavaFileObjects.forSourceString("test." + name, "package test;\n\n"
        + "import io.ipc4j.annotations.*;\n"
        + "import java.util.*;\n"
        + "import java.util.concurrent.*;\n\n"
        + body);
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
