package io.ipc4j.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** What the user's build can see, which decides what the generated code may mention. */
final class Environment {
  private final Elements elements;

  Environment(Elements elements) {
    this.elements = elements;
  }

  /** The {@code @Inject} annotation on the class path (Jakarta first), or null: the client's constructor gets it. */
  ClassName injectAnnotation() {
    for (String name : List.of("jakarta.inject.Inject", "javax.inject.Inject")) {
      if (elements.getTypeElement(name) != null) {
        return ClassName.bestGuess(name);
      }
    }
    return null;
  }

  /**
   * Whether the code of {@code type} can read {@code javax.annotation.processing.Generated}: a named module that
   * does not require {@code java.compiler} would fail to compile with it.
   */
  boolean javaxGeneratedReadable(TypeElement type) {
    if (elements.getTypeElement("javax.annotation.processing.Generated") == null) {
      return false;
    }
    ModuleElement module = elements.getModuleOf(type);
    if (module == null || module.isUnnamed() || module.getQualifiedName().contentEquals("java.compiler")) {
      return true;
    }
    for (ModuleElement.RequiresDirective requires : ElementFilter.requiresIn(module.getDirectives())) {
      if (requires.getDependency().getQualifiedName().contentEquals("java.compiler")) {
        return true;
      }
    }
    return false;
  }
}
