package io.ipc4j.processor;

import com.google.auto.service.AutoService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;

/**
 * The ipc4j annotation processor: for every {@code @IpcChannel} or {@code @IpcEvents} type it reads a model
 * ({@link ModelReader}), checks it ({@link Validator}), prints the {@link Report}, and, when it has no errors,
 * generates {@code <Interface>Ipc} ({@link Generator}) and writes it ({@link SourceWriter}).
 *
 * <p>It never claims the annotations, never throws into javac (an internal failure becomes an error with the
 * stack trace), and defers an interface whose signatures use a type that another processor has yet to generate.
 */
@AutoService(Processor.class)
public final class IpcProcessor extends AbstractProcessor {
  /** Interfaces waiting for a type generated in a later round: qualified name → the missing type. */
  private final Map<String, String> deferred = new LinkedHashMap<>();
  /** The top-level types whose source this build compiles, so far: problems elsewhere have no position. */
  private final Set<String> sourceTypes = new HashSet<>();

  /** Creates the processor; javac calls this through the service loader. */
  public IpcProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Mirrors.IPC_CHANNEL, Mirrors.IPC_EVENTS);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element root : round.getRootElements()) {
      if (root instanceof TypeElement type) {
        sourceTypes.add(type.getQualifiedName().toString());
      }
    }
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
      reportStillMissing();
    }
    return false;
  }

  private void processType(TypeElement type) {
    String name = type.getQualifiedName().toString();
    try {
      Models.Interface model;
      try {
        model = new ModelReader(processingEnv).read(type);
      } catch (Mirrors.MissingTypeException missing) {
        deferred.put(name, missing.getMessage());
        return;
      }
      deferred.remove(name);
      Report report = Validator.validate(model);
      report.printTo(processingEnv.getMessager(), this::inThisBuild);
      if (!report.hasErrors()) {
        new SourceWriter(processingEnv.getFiler(), processingEnv.getMessager()).write(Generator.generate(model),
            type, model.generated().packageName(), model.javaxGenerated());
      }
    } catch (RuntimeException | LinkageError e) {
      deferred.remove(name);
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Kind.ERROR, Message.INTERNAL_ERROR.format(name, trace), type);
    }
  }

  /** Whether {@code element} is in a source this build compiles (not in a class file on the class path). */
  private boolean inThisBuild(Element element) {
    Element top = element;
    while (top.getEnclosingElement() != null && top.getEnclosingElement().getKind() != ElementKind.PACKAGE) {
      top = top.getEnclosingElement();
    }
    return top instanceof TypeElement type && sourceTypes.contains(type.getQualifiedName().toString());
  }

  private void reportStillMissing() {
    for (Map.Entry<String, String> e : deferred.entrySet()) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(e.getKey());
      String message = Message.MISSING_TYPE.format(e.getKey(), e.getValue());
      if (type != null) {
        processingEnv.getMessager().printMessage(Kind.ERROR, message, type);
      } else {
        processingEnv.getMessager().printMessage(Kind.ERROR, message);
      }
    }
    deferred.clear();
  }
}
