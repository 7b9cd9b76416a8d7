package io.ipc4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** How the processor treats methods, rounds, class paths and repeated builds. */
class ProcessorBehaviourTest {
  private static String generated(Compilation compilation, String name) throws IOException {
    return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
  }

  /** The source generated for interface {@code test.<name>}, declared by {@code body}, compiled without warnings. */
  private static String generatedFor(String name, String body) throws IOException {
    Compilation compilation = Compile.compile(JavaFileObjects.forSourceString("test." + name,
        "package test;\n\n@io.ipc4j.annotations.IpcChannel\npublic interface " + name + " {\n" + body + "}\n"));
    assertThat(compilation).succeededWithoutWarnings();
    return generated(compilation, "test." + name + "Ipc");
  }

  /** Interface {@code test.Api}: {@code @IpcChannel} after {@code annotations}, with the one method {@code method}. */
  private static JavaFileObject api(String method, String... annotations) {
    return JavaFileObjects.forSourceString("test.Api", "package test;\n\n" + String.join("\n", annotations)
        + "\n@io.ipc4j.annotations.IpcChannel\npublic interface Api {\n  " + method + "\n}\n");
  }

  @Test
  void compilingTwiceGivesIdenticalBytes() throws IOException {
    Compilation first = GoldenTest.compileExamples();
    Compilation second = GoldenTest.compileExamples();
    assertThat(first).succeeded();
    assertThat(second.generatedSourceFiles()).hasSize(first.generatedSourceFiles().size());
    for (JavaFileObject file : first.generatedSourceFiles()) {
      JavaFileObject twin = second.generatedSourceFiles().stream()
          .filter(f -> f.getName().equals(file.getName())).findFirst().orElseThrow();
      assertThat(twin.openInputStream().readAllBytes()).isEqualTo(file.openInputStream().readAllBytes());
    }
  }

  @Test
  void inheritedAbstractMethodsAreChannelsButDefaultStaticAndPrivateOnesAreNot() throws IOException {
    JavaFileObject base = JavaFileObjects.forSourceString("test.Base", """
        package test;

        public interface Base<T> {
          T load(String key);
          void save(String key, T value);
          String name();
        }
        """);
    JavaFileObject api = JavaFileObjects.forSourceString("test.Store", """
        package test;

        import io.ipc4j.annotations.IpcChannel;

        @IpcChannel
        public interface Store extends Base<Long> {
          int size();

          @Override
          default String name() {
            return helper();
          }

          static Store none() {
            return null;
          }

          private String helper() {
            return "store";
          }

          String toString();
        }
        """);
    Compilation compilation = Compile.compile(base, api);
    assertThat(compilation).succeededWithoutWarnings();
    String source = generated(compilation, "test.StoreIpc");
    assertThat(source).contains("public static final String SIZE = \"store:size\";");
    assertThat(source).contains("public static final String LOAD = \"store:load\";");
    assertThat(source).contains("public static final String SAVE = \"store:save\";");
    assertThat(source).contains("public Long load(String key)");
    assertThat(source).contains("Converters.LONG.convert(Converters.arg(args, 1), \"argument 'value' of store:save\")");
    assertThat(source).doesNotContain("NAME");
    assertThat(source).doesNotContain("NONE");
    assertThat(source).doesNotContain("HELPER");
    assertThat(source).doesNotContain("TO_STRING");
    // Declaration order: the interface's own methods, then inherited ones.
    assertThat(source.indexOf("SIZE =")).isLessThan(source.indexOf("LOAD ="));
    assertThat(source.indexOf("LOAD =")).isLessThan(source.indexOf("SAVE ="));
  }

  @Test
  void clientConstructorHasNoInjectWithoutAnInjectAnnotationOnTheClassPath() throws IOException {
    Compilation compilation = Compile.compileWithout("jakarta.inject", Compile.example(
        "NotesApi", "Note", "Priority", "Settings", "NoteNotFound"));
    assertThat(compilation).succeeded();
    String source = generated(compilation, "com.example.NotesApiIpc");
    assertThat(source).doesNotContain("@Inject");
    assertThat(source).doesNotContain("jakarta");
    assertThat(source).contains("public Client(IpcRenderer renderer)");
  }

  @Test
  void clientConstructorCarriesJakartaInjectWhenItIsOnTheClassPath() throws IOException {
    Compilation compilation = GoldenTest.compileExamples();
    assertThat(generated(compilation, "com.example.NotesApiIpc"))
        .contains("@Inject\n    public Client(IpcRenderer renderer)");
    assertThat(generated(compilation, "com.example.NotesApiIpc")).contains("import jakarta.inject.Inject;");
  }

  @Test
  void generatedTypesCarryTheMarkers() throws IOException {
    String source = generated(GoldenTest.compileExamples(), "com.example.NotesApiIpc");
    assertThat(source).contains("@IpcGenerated\n@Generated(\"io.ipc4j.processor.IpcProcessor\")\n");
    assertThat(source).doesNotContain("reflect");
    assertThat(source).doesNotContain("forName");
    assertThat(source).doesNotContain("ServiceLoader");
    assertThat(source).doesNotContain("Proxy");
  }

  @Test
  void aRendererServesNoSendSyncMethodAndTheMainSideClientRefusesThem() throws IOException {
    String source = generatedFor("Counter", "  @io.ipc4j.annotations.SendSync int count();\n  void reset();\n");
    String rendererRegister = source.substring(source.indexOf("register(IpcRenderer renderer"),
        source.indexOf("client(IpcRenderer renderer)"));
    assertThat(rendererRegister).contains("renderer.handle(RESET,");
    assertThat(rendererRegister).doesNotContain("COUNT");
    assertThat(rendererRegister).contains("new IpcRegistration[1]");
    String rendererClient = source.substring(source.indexOf("class RendererClient"));
    assertThat(rendererClient).contains(
        "throw new IpcException(\"'counter:count' is @SendSync: only a renderer may block on the main process\")");
    assertThat(rendererClient).contains("this.contents.invoke(CounterIpc.RESET)");
  }

  @Test
  void defaultPrefixIsTheSimpleNameWithALowerCaseFirstLetter() throws IOException {
    JavaFileObject api = JavaFileObjects.forSourceString("test.WindowControls", """
        package test;

        @io.ipc4j.annotations.IpcChannel
        public interface WindowControls {
          void loadHTTPPage(String url);
          @io.ipc4j.annotations.Channel("other:place") void elsewhere();
        }
        """);
    String source = generated(Compile.compile(api), "test.WindowControlsIpc");
    assertThat(source).contains("LOAD_HTTP_PAGE = \"windowControls:loadHTTPPage\"");
    assertThat(source).contains("ELSEWHERE = \"other:place\"");
  }

  @Test
  void interfaceWithoutRecordsOrEnumsHasNoCodecsAndGivesNoneToItsOwners() throws IOException {
    String source = generatedFor("Plain", "  String echo(String text);\n");
    assertThat(source).contains("public static final List<TypeCodec<?>> CODECS = List.of();");
    assertThat(source).doesNotContain("Codecs.addTo");
    assertThat(source).doesNotContain("Codec()");
  }

  @Test
  void converterConstantsGiveWayToChannelConstantsAndParameterNames() throws IOException {
    String source = generatedFor("Shop", "  record Item(String name) {}\n"
        + "  Item shopItem(String STRING);\n"
        + "  java.util.List<Item> listOfShopItem();\n");
    assertThat(source).contains("public static final String SHOP_ITEM = \"shop:shopItem\";");
    assertThat(source).contains("public static final String LIST_OF_SHOP_ITEM = \"shop:listOfShopItem\";");
    assertThat(source).contains("Converter<String> STRING_ = Converters.type(String.class);");
    assertThat(source).contains("Converter<Shop.Item> SHOP_ITEM_ = Converters.record(SHOP_ITEM_CODEC);");
    assertThat(source).contains("Converter<List<Shop.Item>> LIST_OF_SHOP_ITEM_ = Converters.listOf(SHOP_ITEM_);");
  }

  @Test
  void interfaceUsingATypeGeneratedInALaterRoundIsDeferredAndThenGenerated() throws IOException {
    JavaFileObject api = api("Later get(int id);");
    // GeneratesLater supports "*" but claims nothing; listed after IpcProcessor it would be offered nothing in the
    // first round, since IpcProcessor claims the only annotation there.
    Compilation compilation = javac().withProcessors(new GeneratesLater(), new IpcProcessor())
        .compile(Compile.withRuntime(api));
    assertThat(compilation).succeeded();
    assertThat(generated(compilation, "test.ApiIpc")).contains("private static final LaterCodec LATER_CODEC = new LaterCodec();");
  }

  @Test
  void aTypeThatNeverAppearsIsReportedAtTheEnd() {
    JavaFileObject api = api("Missing get(int id);");
    Compilation compilation = Compile.compile(api);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[IpcMissingType] test.Api was not processed because type Missing")
        .inFile(api).onLineContaining("public interface Api");
  }

  @Test
  void aStrictLintBuildSeesNoUnclaimedAnnotationWarning() {
    JavaFileObject api = api("String get(int id);");
    // Without an inject API on the class path: javac warns of an @Inject that no processor claims, as of any.
    Compilation compilation = Compile.compileWithout("jakarta.inject", List.of("-Xlint:all", "-Werror"), api);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("test.ApiIpc")).isPresent();
  }

  @Test
  void theProcessorClaimsItsOwnAnnotationsAndLeavesOthersToTheNextProcessor() {
    JavaFileObject marker = JavaFileObjects.forSourceString("test.Marker", """
        package test;

        public @interface Marker {}
        """);
    JavaFileObject api = api("String get(int id);", "@Marker");
    SeesAnnotations next = new SeesAnnotations();
    Compilation compilation = javac().withProcessors(new IpcProcessor(), next).compile(Compile.withRuntime(marker, api));
    assertThat(compilation).succeeded();
    // Claimed: the contract annotation and the markers on the generated class. Left: the rest, @Inject on the
    // generated client's constructor among them (a dependency injection processor needs it).
    assertThat(next.offered).containsAtLeast("test.Marker", "jakarta.inject.Inject");
    assertThat(next.offered).containsNoneOf("io.ipc4j.annotations.IpcChannel", "io.ipc4j.spi.IpcGenerated",
        "javax.annotation.processing.Generated");
  }

  @Test
  void anotherGeneratorsGeneratedMarkerIsNotClaimed() {
    JavaFileObject other = JavaFileObjects.forSourceString("test.Other", """
        package test;

        @javax.annotation.processing.Generated("elsewhere")
        public interface Other {}
        """);
    SeesAnnotations next = new SeesAnnotations();
    Compilation compilation = javac().withProcessors(new IpcProcessor(), next).compile(Compile.withRuntime(other));
    assertThat(compilation).succeeded();
    assertThat(next.offered).contains("javax.annotation.processing.Generated");
  }

  /** A processor offered every annotation, as one that scans whole sources is. */
  abstract static class EveryAnnotation extends AbstractProcessor {
    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }
  }

  /** Records the annotations it is offered, claiming none: as a processor listed after ours would. */
  static final class SeesAnnotations extends EveryAnnotation {
    final Set<String> offered = new TreeSet<>();

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      annotations.forEach(a -> offered.add(a.getQualifiedName().toString()));
      return false;
    }
  }

  /** Generates {@code test.Later} in the first round, as another processor in the same build would. */
  static final class GeneratesLater extends EveryAnnotation {
    private boolean done;

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("test.Later").openWriter()) {
          w.write("package test;\n\npublic record Later(int id, String text) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
