package io.ipc4j.example;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's quick starts are the example's real code, which runs: the README cannot drift from what works. */
class ReadmeQuickStartTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCES = Path.of("src", "main", "java", "io", "ipc4j", "example");

  /** The ```java blocks that follow {@code heading}, up to the next heading of the same level. */
  static List<List<String>> javaBlocks(String heading) throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    int start = lines.indexOf(heading);
    assertThat(start).isAtLeast(0);
    List<List<String>> blocks = new ArrayList<>();
    List<String> block = null;
    for (int i = start + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (block == null && line.startsWith("## ")) {
        break;
      }
      if (block == null && line.equals("```java")) {
        block = new ArrayList<>();
      } else if (block != null && line.equals("```")) {
        blocks.add(block);
        block = null;
      } else if (block != null && !line.isBlank()) {
        block.add(line.trim());
      }
    }
    return blocks;
  }

  /** Asserts every line of {@code block} appears in {@code file}, in the same order. */
  static void assertSubsequence(List<String> block, String file) throws IOException {
    List<String> source = Files.readAllLines(SOURCES.resolve(file), StandardCharsets.UTF_8).stream()
        .map(String::trim).toList();
    int at = 0;
    for (String line : block) {
      int found = source.subList(at, source.size()).indexOf(line);
      assertThat(found < 0 ? "README line \"" + line + "\" is not in " + file + " (after line " + at + ")" : "")
          .isEmpty();
      at += found + 1;
    }
  }

  private static String run(Runnable main) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void typedQuickStartIsTheExampleCodeAndRuns() throws Exception {
    List<List<String>> blocks = javaBlocks("## Quick start: typed");
    assertThat(blocks).hasSize(2);
    assertSubsequence(blocks.get(0), "Greeter.java");
    assertSubsequence(blocks.get(1), "TypedQuickStart.java");
    assertThat(run(() -> TypedQuickStart.main(new String[0]))).isEqualTo("Hello, world!" + System.lineSeparator());
  }

  @Test
  void untypedQuickStartIsTheExampleCodeAndRuns() throws Exception {
    List<List<String>> blocks = javaBlocks("## Quick start: the Electron-style API");
    assertThat(blocks).hasSize(1);
    assertSubsequence(blocks.get(0), "QuickStart.java");
    String out = run(() -> {
      try {
        QuickStart.main(new String[0]);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertThat(out).contains("invoke   math:add(2, 3)  -> 5");
    assertThat(out).contains("sendSync app:version     -> 1.0");
    assertThat(out).contains("send     chat:say        -> main heard: hello");
  }
}
