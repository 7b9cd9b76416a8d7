package io.ipc4j.consumer;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * README's build snippets are what the sample projects under {@code src/it} use, unchanged: the samples are built and
 * tested by this module's integration tests, so a snippet that stops working, or drifts from its sample, fails here.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SAMPLES = Path.of("src", "it");
  private static final String SECTION = "### Adding ipc4j to a build";
  /** The snippets in the order README gives them, by what they are for. */
  private static final Map<String, Integer> SNIPPETS = Map.of(
      "dependencies", 0, "compiler plugin", 1, "processor dependency", 2, "compiler plugin, processing on", 3,
      "module-info", 4, "gradle", 5, "dagger dependency", 6, "dagger processor paths", 7);

  /** A fenced block: its info string ({@code xml}, {@code kotlin}, or empty) and its lines. */
  record Block(String language, List<String> lines) {}

  /** The fenced blocks of README's section {@code heading}, up to the next heading. */
  static List<Block> blocks(String heading) throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    int start = lines.indexOf(heading);
    assertWithMessage("README has no section " + heading).that(start).isAtLeast(0);
    List<Block> blocks = new ArrayList<>();
    String language = null;
    List<String> block = null;
    for (String line : lines.subList(start + 1, lines.size())) {
      if (block == null && line.startsWith("#")) {
        break;
      }
      if (block == null && line.startsWith("```")) {
        language = line.substring(3);
        block = new ArrayList<>();
      } else if (block != null && line.equals("```")) {
        blocks.add(new Block(language, List.copyOf(block)));
        block = null;
      } else if (block != null) {
        block.add(line);
      }
    }
    return blocks;
  }

  /** Whether {@code file} holds {@code block}'s lines in a row, each indented by the same prefix. */
  static boolean containsBlock(List<String> file, List<String> block) {
    for (int at = 0; at + block.size() <= file.size(); at++) {
      String first = file.get(at);
      if (!first.endsWith(block.get(0)) || !first.substring(0, first.length() - block.get(0).length()).isBlank()) {
        continue;
      }
      String indent = first.substring(0, first.length() - block.get(0).length());
      boolean all = true;
      for (int i = 1; i < block.size() && all; i++) {
        String expected = block.get(i).isEmpty() ? "" : indent + block.get(i);
        all = file.get(at + i).stripTrailing().equals(expected);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /** Asserts {@code sampleFile} holds each snippet named, as README writes it. */
  private static void assertSampleUses(String sampleFile, String... snippets) throws IOException {
    List<Block> blocks = blocks(SECTION);
    List<String> file = Files.readAllLines(SAMPLES.resolve(sampleFile), StandardCharsets.UTF_8);
    for (String snippet : snippets) {
      List<String> lines = blocks.get(SNIPPETS.get(snippet)).lines();
      assertWithMessage("README's %s snippet is not in %s as written:\n%s", snippet, sampleFile,
          String.join("\n", lines)).that(containsBlock(file, lines)).isTrue();
    }
  }

  @Test
  void theSectionHasTheSnippetsTheSamplesAreCheckedAgainst() throws IOException {
    List<Block> blocks = blocks(SECTION);
    assertThat(blocks.stream().map(Block::language).toList())
        .containsExactly("xml", "xml", "xml", "xml", "", "kotlin", "xml", "xml").inOrder();
    assertThat(SNIPPETS).hasSize(blocks.size());
  }

  @Test
  void theClassPathSampleUsesTheDependenciesAndTheCompilerPluginAsWritten() throws IOException {
    assertSampleUses("classpath/pom.xml", "dependencies", "compiler plugin");
  }

  @Test
  void theModulePathSampleUsesTheMavenSnippetsAndTheModuleDeclarationAsWritten() throws IOException {
    assertSampleUses("module-path/pom.xml", "dependencies", "compiler plugin");
    assertSampleUses("module-path/src/main/java/module-info.java", "module-info");
  }

  @Test
  void theDaggerSampleUsesTheDependenciesAndDaggersSnippetsAsWritten() throws IOException {
    assertSampleUses("dagger/pom.xml", "dependencies", "dagger dependency", "dagger processor paths");
  }

  @Test
  void theClassPathProcessorSampleUsesTheProvidedProcessorAndProcFullAsWritten() throws IOException {
    assertSampleUses("processor-on-class-path/pom.xml", "dependencies", "processor dependency",
        "compiler plugin, processing on");
  }

  @Test
  void theSnippetsNameTheVersionsThisBuildMakesAndUses() throws IOException {
    String version = System.getProperty("ipc4j.version");
    assertThat(version).isNotEmpty();
    String xml = String.join("\n", blocks(SECTION).stream().filter(b -> b.language().equals("xml"))
        .flatMap(b -> b.lines().stream()).toList());
    assertThat(xml).contains("<version>" + version + "</version>");
    assertThat(xml.replace("<version>" + version + "</version>", "")
        .replace("<version>" + System.getProperty("ipc4j.compilerPluginVersion") + "</version>", "")
        .replace("<version>" + System.getProperty("ipc4j.daggerVersion") + "</version>", ""))
        .doesNotContain("<version>");
  }

  @Test
  void theGradleSnippetFindsTheInstalledSnapshotAndNamesTheSameArtifacts() throws IOException {
    String version = System.getProperty("ipc4j.version");
    List<String> gradle = blocks(SECTION).get(SNIPPETS.get("gradle")).lines().stream().map(String::trim).toList();
    assertThat(gradle).containsAtLeast("mavenLocal()",
        "implementation(\"io.ipc4j:ipc-runtime:" + version + "\")",
        "compileOnly(\"io.ipc4j:ipc-annotations:" + version + "\")",
        "annotationProcessor(\"io.ipc4j:ipc-processor:" + version + "\")");
  }

  @Test
  void aSnippetChangedInTheSampleIsNoLongerFound() {
    List<String> snippet = List.of("<dependency>", "  <artifactId>x</artifactId>", "</dependency>");
    assertThat(containsBlock(List.of("  <dependency>", "    <artifactId>x</artifactId>", "  </dependency>"), snippet))
        .isTrue();
    assertThat(containsBlock(List.of("  <dependency>", "    <artifactId>y</artifactId>", "  </dependency>"), snippet))
        .isFalse();
    assertThat(containsBlock(List.of("  <dependency>", "  <artifactId>x</artifactId>", "  </dependency>"), snippet))
        .isFalse();
    assertThat(containsBlock(List.of("<dependency>", "  <scope>test</scope>", "  <artifactId>x</artifactId>",
        "</dependency>"), snippet)).isFalse();
  }
}
