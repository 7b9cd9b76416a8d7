package io.ipc4j.processor;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Questions about elements and types, asked by name: what the reader and the type classifier both need. */
final class Mirrors {
  static final String ANNOTATIONS = "io.ipc4j.annotations";
  static final String IPC_CHANNEL = ANNOTATIONS + ".IpcChannel";
  static final String IPC_EVENTS = ANNOTATIONS + ".IpcEvents";

  /** A referenced type does not exist yet: another processor may generate it in a later round. */
  static final class MissingTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingTypeException(String type) {
      super(type, null, false, false);
    }
  }

  private final Elements elements;
  private final Types types;

  Mirrors(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
  }

  Elements elements() {
    return elements;
  }

  Types types() {
    return types;
  }

  boolean isSubtype(TypeMirror type, String name) {
    TypeElement other = elements.getTypeElement(name);
    return other != null && types.isSubtype(types.erasure(type), types.erasure(other.asType()));
  }

  static boolean isNamed(TypeMirror type, String name) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(name);
  }

  static boolean isFuture(TypeMirror type) {
    return isNamed(type, "java.util.concurrent.CompletableFuture")
        || isNamed(type, "java.util.concurrent.CompletionStage");
  }

  /** {@code java.util.concurrent.Flow.Publisher}, the one publisher type a stream method may return. */
  static boolean isPublisher(TypeMirror type) {
    return isNamed(type, "java.util.concurrent.Flow.Publisher");
  }

  /** {@code toString}, {@code hashCode} and {@code equals} redeclared in an interface are no channels. */
  static boolean isObjectMethod(ExecutableElement m) {
    String name = m.getSimpleName().toString();
    int arity = m.getParameters().size();
    return (arity == 0 && (name.equals("toString") || name.equals("hashCode")))
        || (arity == 1 && name.equals("equals")
            && m.getParameters().get(0).asType().toString().equals("java.lang.Object"));
  }

  static AnnotationMirror annotation(Element element, String name) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
        return mirror;
      }
    }
    return null;
  }

  /** Throws {@link MissingTypeException} if {@code type} or any type argument in it is not yet available. */
  static void checkPresent(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      throw new MissingTypeException(type.toString());
    }
    if (type.getKind() == TypeKind.DECLARED) {
      for (TypeMirror arg : ((DeclaredType) type).getTypeArguments()) {
        checkPresent(arg);
      }
    } else if (type.getKind() == TypeKind.ARRAY) {
      checkPresent(((ArrayType) type).getComponentType());
    }
  }
}
