package io.ipc4j.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;

/**
 * Writes a generated class once: with the markers that say it is generated, the annotated interface as its only
 * originating element (Gradle "isolating"), and the one format all generated code has.
 */
final class SourceWriter {
  static final String PROCESSOR = "io.ipc4j.processor.IpcProcessor";
  private static final ClassName IPC_GENERATED = ClassName.get("io.ipc4j.spi", "IpcGenerated");
  private static final ClassName JAVAX_GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private final Filer filer;
  private final Messager messager;

  SourceWriter(Filer filer, Messager messager) {
    this.filer = filer;
    this.messager = messager;
  }

  /**
   * Writes {@code type} into the package of {@code originating}.
   *
   * @param javaxGenerated whether the user's code can read {@code javax.annotation.processing.Generated}
   */
  void write(TypeSpec.Builder type, TypeElement originating, String packageName, boolean javaxGenerated) {
    type.addAnnotation(IPC_GENERATED).addOriginatingElement(originating);
    if (javaxGenerated) {
      type.addAnnotation(AnnotationSpec.builder(JAVAX_GENERATED).addMember("value", "$S", PROCESSOR).build());
    }
    JavaFile file = JavaFile.builder(packageName, type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
    try {
      file.writeTo(filer);
    } catch (IOException e) {
      messager.printMessage(Kind.ERROR, Message.INTERNAL_ERROR.format(originating.getQualifiedName(),
          Message.Detail.CANNOT_WRITE.format(packageName + "." + file.typeSpec().name(), e)), originating);
    }
  }
}
