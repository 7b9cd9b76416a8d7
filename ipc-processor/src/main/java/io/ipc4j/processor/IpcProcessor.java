package io.ipc4j.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;

/**
 * The ipc4j annotation processor: for every {@code @IpcChannel} or {@code @IpcEvents} type it reads a model
 * ({@link ModelReader}), checks it ({@link Validator}), and, when it has no errors, writes {@code <Interface>Ipc}
 * ({@link Generator}) with the interface as its only originating element (Gradle "isolating").
 *
 * <p>It never claims the annotations, never throws into javac (an internal failure becomes an error with the
 * stack trace), and defers an interface whose signatures use a type that another processor has yet to generate.
 */
@AutoService(Processor.class)
public final class IpcProcessor extends AbstractProcessor {
  /** Interfaces waiting for a type generated in a later round: qualified name → the missing type. */
  private final Map<String, String> deferred = new LinkedHashMap<>();

  /** Creates the processor; javac calls this through the service loader. */
  public IpcProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ModelReader.IPC_CHANNEL, ModelReader.IPC_EVENTS);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> todo = new LinkedHashSet<>();
    for (String name : List.copyOf(deferred.keySet())) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        todo.add(type);
      }
    }
    for (String name : getSupportedAnnotationTypes()) {
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
      if (annotation == null) {
        continue;
      }
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        if (e instanceof TypeElement type) {
          todo.add(type);
        }
      }
    }
    for (TypeElement type : todo) {
      processType(type);
    }
    if (round.processingOver()) {
      for (Map.Entry<String, String> e : deferred.entrySet()) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(e.getKey());
        String message = Diagnostic.MISSING_TYPE.format(e.getKey(), e.getValue());
        if (type != null) {
          processingEnv.getMessager().printMessage(Kind.ERROR, message, type);
        } else {
          processingEnv.getMessager().printMessage(Kind.ERROR, message);
        }
      }
      deferred.clear();
    }
    return false;
  }

  private void processType(TypeElement type) {
    String name = type.getQualifiedName().toString();
    try {
      Models.Interface model;
      try {
        model = new ModelReader(processingEnv).read(type);
      } catch (ModelReader.MissingTypeException missing) {
        deferred.put(name, missing.getMessage());
        return;
      }
      deferred.remove(name);
      List<Problem> problems = Validator.validate(model);
      boolean errors = false;
      for (Problem p : problems) {
        report(p);
        errors |= p.isError();
      }
      if (!errors) {
        write(Generator.generate(model), type);
      }
    } catch (RuntimeException | LinkageError e) {
      deferred.remove(name);
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Kind.ERROR,
          Diagnostic.INTERNAL_ERROR.format(name, trace), type);
    }
  }

  private void report(Problem p) {
    Messager messager = processingEnv.getMessager();
    Site site = p.site();
    Kind kind = p.diagnostic().kind();
    if (site.annotation() != null && site.value() != null) {
      messager.printMessage(kind, p.message(), site.element(), site.annotation(), site.value());
    } else if (site.annotation() != null) {
      messager.printMessage(kind, p.message(), site.element(), site.annotation());
    } else {
      messager.printMessage(kind, p.message(), site.element());
    }
  }

  private void write(JavaFile file, TypeElement originating) {
    TypeSpec withOrigin = file.typeSpec().toBuilder().addOriginatingElement(originating).build();
    try {
      Generator.file(file.packageName(), withOrigin).writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Kind.ERROR, Diagnostic.INTERNAL_ERROR.format(
          originating.getQualifiedName(), "could not write " + file.packageName() + "." + withOrigin.name() + ": "
              + e), originating);
    }
  }
}
