package io.ipc4j.processor;

import com.palantir.javapoet.ClassName;
import io.ipc4j.processor.Models.Attribute;
import io.ipc4j.processor.Models.Deadline;
import io.ipc4j.processor.Models.Kind;
import io.ipc4j.processor.Models.Method;
import io.ipc4j.processor.Models.Param;
import io.ipc4j.processor.Models.Style;
import io.ipc4j.processor.Models.Thrown;
import io.ipc4j.processor.TypeClassifier.Position;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one annotated type into an immutable {@link Models.Interface}. It records what it finds, problems included
 * (an unsupported type becomes {@link ValueType.Unsupported}); judging is the {@link Validator}'s job.
 */
final class ModelReader {
  private static final String ANNOTATIONS = Mirrors.ANNOTATIONS;
  private static final String INVOKE = ANNOTATIONS + ".Invoke";
  private static final String SEND = ANNOTATIONS + ".Send";
  private static final String SEND_SYNC = ANNOTATIONS + ".SendSync";
  private static final String CHANNEL = ANNOTATIONS + ".Channel";
  private static final String TIMEOUT = ANNOTATIONS + ".Timeout";

  private final Elements elements;
  private final Types types;
  private final Mirrors mirrors;
  private final Environment environment;

  ModelReader(ProcessingEnvironment env) {
    this.mirrors = new Mirrors(env);
    this.elements = mirrors.elements();
    this.types = mirrors.types();
    this.environment = new Environment(elements);
  }

  /**
   * Reads {@code type}.
   *
   * @throws Mirrors.MissingTypeException if a type its signatures use is not (yet) available
   */
  Models.Interface read(TypeElement type) {
    AnnotationMirror channel = Mirrors.annotation(type, Mirrors.IPC_CHANNEL);
    AnnotationMirror events = Mirrors.annotation(type, Mirrors.IPC_EVENTS);
    Kind kind = channel != null ? Kind.CHANNEL : Kind.EVENTS;
    AnnotationMirror own = channel != null ? channel : events;
    Site site = new Site(type, events != null && channel != null ? events : own, null);
    boolean isInterface = type.getKind() == ElementKind.INTERFACE;
    String defaultPrefix = Names.lowerFirst(type.getSimpleName().toString());
    Attribute prefix = stringAttribute(type, own, defaultPrefix);
    Deadline deadline = deadline(type);
    ClassName typeName = ClassName.get(type);
    ClassName generated = ClassName.get(typeName.packageName(), String.join("_", typeName.simpleNames()) + "Ipc");

    TypeClassifier classifier = new TypeClassifier(mirrors);
    List<Method> methods = new ArrayList<>();
    if (isInterface) {
      for (ExecutableElement method : channelMethods(type)) {
        methods.add(method(type, method, kind, prefix.value(), classifier));
      }
    }
    return new Models.Interface(kind, isInterface, accessible(type), channel != null && events != null,
        !type.getTypeParameters().isEmpty(), typeName, generated, prefix, deadline, List.copyOf(methods),
        classifier.codecs().records(), classifier.codecs().enums(), environment.injectAnnotation(),
        environment.javaxGeneratedReadable(type), site);
  }

  private Method method(TypeElement owner, ExecutableElement method, Kind kind, String prefix,
      TypeClassifier classifier) {
    ExecutableType executable = (ExecutableType) types.asMemberOf((DeclaredType) owner.asType(), method);
    String name = method.getSimpleName().toString();
    List<Attribute> styles = new ArrayList<>();
    for (String style : List.of(INVOKE, SEND, SEND_SYNC)) {
      AnnotationMirror mirror = Mirrors.annotation(method, style);
      if (mirror != null) {
        styles.add(new Attribute(style.substring(ANNOTATIONS.length() + 1), true, new Site(method, mirror, null)));
      }
    }
    Style style = kind == Kind.EVENTS ? Style.EVENT
        : Mirrors.annotation(method, SEND_SYNC) != null ? Style.SEND_SYNC
        : Mirrors.annotation(method, SEND) != null ? Style.SEND
        : Style.INVOKE;
    AnnotationMirror channelMirror = Mirrors.annotation(method, CHANNEL);
    Attribute channelAttribute = channelMirror == null ? null : stringAttribute(method, channelMirror, "");
    String channel = channelAttribute != null ? channelAttribute.value() : prefix + ":" + name;

    List<Param> params = new ArrayList<>();
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      VariableElement p = parameters.get(i);
      params.add(new Param(p.getSimpleName().toString(),
          classifier.classify(executable.getParameterTypes().get(i), Position.TOP), Site.of(p)));
    }

    ResultReader.Result result = ResultReader.read(executable.getReturnType(), classifier);

    List<Thrown> thrown = new ArrayList<>();
    List<TypeMirror> reportedTypes = new ArrayList<>();
    List<Thrown> reported = new ArrayList<>();
    for (TypeMirror t : executable.getThrownTypes()) {
      Mirrors.checkPresent(t);
      if (t.getKind() == TypeKind.DECLARED) {
        Thrown declared = thrown((TypeElement) ((DeclaredType) t).asElement(), t);
        thrown.add(declared);
        if (declared.checked() && declared.rebuildable()) {
          addReported(declared, t, reported, reportedTypes);
        }
      }
    }
    return new Method(name, Names.upperSnake(name), channel, channelAttribute, List.copyOf(styles), style,
        !method.getTypeParameters().isEmpty(), method.isVarArgs(), List.copyOf(params), result.type(), result.future(),
        result.streaming(), List.copyOf(thrown), List.copyOf(reported), deadline(method), Site.of(method));
  }

  /**
   * Adds a declared exception to those the serving side catches, before the first of them that is its supertype, so
   * that the most specific declared type catches what is thrown (and javac sees no unreachable {@code catch}); one
   * declared twice is added once.
   */
  private void addReported(Thrown declared, TypeMirror type, List<Thrown> reported, List<TypeMirror> types) {
    int at = types.size();
    for (int i = 0; i < types.size(); i++) {
      if (this.types.isSameType(types.get(i), type)) {
        return;
      }
      if (at == types.size() && this.types.isSubtype(type, types.get(i))) {
        at = i;
      }
    }
    reported.add(at, declared);
    types.add(at, type);
  }

  private Thrown thrown(TypeElement exception, TypeMirror type) {
    boolean checked = !mirrors.isSubtype(type, "java.lang.RuntimeException")
        && !mirrors.isSubtype(type, "java.lang.Error");
    boolean rebuildable = exception.getKind() == ElementKind.CLASS
        && !exception.getModifiers().contains(Modifier.ABSTRACT)
        && !exception.getModifiers().contains(Modifier.PRIVATE)
        && ElementFilter.constructorsIn(exception.getEnclosedElements()).stream().anyMatch(c ->
            c.getModifiers().contains(Modifier.PUBLIC)
                && c.getParameters().size() == 1
                && Mirrors.isNamed(c.getParameters().get(0).asType(), "java.lang.String"));
    return new Thrown(ClassName.get(exception), elements.getBinaryName(exception).toString(), checked, rebuildable);
  }

  /** The abstract methods that are channels: the type's own in declaration order, then inherited ones. */
  private List<ExecutableElement> channelMethods(TypeElement type) {
    Set<ExecutableElement> members = new HashSet<>();
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (m.getModifiers().contains(Modifier.ABSTRACT) && !Mirrors.isObjectMethod(m)) {
        members.add(m);
      }
    }
    List<ExecutableElement> out = new ArrayList<>();
    Set<String> signatures = new HashSet<>();
    collect(type, members, out, signatures, new HashSet<>());
    return out;
  }

  private void collect(TypeElement type, Set<ExecutableElement> members, List<ExecutableElement> out,
      Set<String> signatures, Set<TypeElement> seen) {
    if (!seen.add(type)) {
      return;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (members.contains(m) && signatures.add(signature(m))) {
        out.add(m);
      }
    }
    for (TypeMirror parent : type.getInterfaces()) {
      Mirrors.checkPresent(parent);
      collect((TypeElement) types.asElement(parent), members, out, signatures, seen);
    }
  }

  private String signature(ExecutableElement m) {
    StringBuilder s = new StringBuilder(m.getSimpleName()).append('(');
    for (VariableElement p : m.getParameters()) {
      s.append(types.erasure(p.asType())).append(',');
    }
    return s.append(')').toString();
  }

  private Deadline deadline(Element element) {
    AnnotationMirror mirror = Mirrors.annotation(element, TIMEOUT);
    if (mirror == null) {
      return null;
    }
    long amount = 0;
    AnnotationValue amountValue = null;
    String unit = "SECONDS";
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : elements.getElementValuesWithDefaults(mirror).entrySet()) {
      String key = e.getKey().getSimpleName().toString();
      Object v = e.getValue().getValue();
      if (key.equals("value") && v instanceof Long l) {
        amount = l;
        amountValue = e.getValue();
      } else if (key.equals("unit") && v instanceof VariableElement constant) {
        unit = constant.getSimpleName().toString();
      }
    }
    long nanos = amount > 0 ? TimeUnit.valueOf(unit).toNanos(amount) : 0;
    return new Deadline(amount, nanos, new Site(element, mirror, amountValue));
  }

  private Attribute stringAttribute(Element element, AnnotationMirror mirror, String fallback) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("value")) {
        return new Attribute(String.valueOf(e.getValue().getValue()), true, new Site(element, mirror, e.getValue()));
      }
    }
    return new Attribute(fallback, false, new Site(element, mirror, null));
  }

  private static boolean accessible(TypeElement type) {
    Element e = type;
    while (e.getKind().isClass() || e.getKind().isInterface()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      Element enclosing = e.getEnclosingElement();
      if (enclosing.getKind() == ElementKind.PACKAGE) {
        return true;
      }
      e = enclosing;
    }
    return false;
  }
}
