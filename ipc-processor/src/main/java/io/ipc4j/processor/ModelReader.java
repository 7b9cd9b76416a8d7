package io.ipc4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.ipc4j.processor.Models.Attribute;
import io.ipc4j.processor.Models.Deadline;
import io.ipc4j.processor.Models.Kind;
import io.ipc4j.processor.Models.Method;
import io.ipc4j.processor.Models.Param;
import io.ipc4j.processor.Models.Style;
import io.ipc4j.processor.Models.Thrown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
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
  static final String ANNOTATIONS = "io.ipc4j.annotations";
  static final String IPC_CHANNEL = ANNOTATIONS + ".IpcChannel";
  static final String IPC_EVENTS = ANNOTATIONS + ".IpcEvents";
  private static final String INVOKE = ANNOTATIONS + ".Invoke";
  private static final String SEND = ANNOTATIONS + ".Send";
  private static final String SEND_SYNC = ANNOTATIONS + ".SendSync";
  private static final String CHANNEL = ANNOTATIONS + ".Channel";
  private static final String TIMEOUT = ANNOTATIONS + ".Timeout";

  /** Types that cross as themselves. */
  private static final Set<String> PLAIN = Set.of(
      "java.lang.String", "java.time.Instant", "java.time.Duration", "java.util.UUID",
      "java.math.BigInteger", "java.math.BigDecimal");

  private static final Map<String, String> BOXES = Map.of(
      "java.lang.Boolean", "boolean", "java.lang.Byte", "byte", "java.lang.Short", "short",
      "java.lang.Character", "char", "java.lang.Integer", "int", "java.lang.Long", "long",
      "java.lang.Float", "float", "java.lang.Double", "double");

  private static final String SUPPORTED = "only primitives and their boxes, String, Instant, Duration, UUID, "
      + "BigInteger, BigDecimal, records, enums, arrays, List, Set, Map and Optional cross the wire";

  /** A referenced type does not exist yet: another processor may generate it in a later round. */
  static final class MissingTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingTypeException(String type) {
      super(type, null, false, false);
    }
  }

  private enum Position { TOP, COMPONENT, NESTED }

  private final Elements elements;
  private final Types types;

  ModelReader(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
  }

  /**
   * Reads {@code type}.
   *
   * @throws MissingTypeException if a type its signatures use is not (yet) available
   */
  Models.Interface read(TypeElement type) {
    AnnotationMirror channel = annotation(type, IPC_CHANNEL);
    AnnotationMirror events = annotation(type, IPC_EVENTS);
    Kind kind = channel != null ? Kind.CHANNEL : Kind.EVENTS;
    AnnotationMirror own = channel != null ? channel : events;
    Site site = new Site(type, events != null && channel != null ? events : own, null);
    boolean isInterface = type.getKind() == ElementKind.INTERFACE;
    String defaultPrefix = lowerFirst(type.getSimpleName().toString());
    Attribute prefix = stringAttribute(type, own, defaultPrefix);
    Deadline deadline = deadline(type);
    ClassName typeName = ClassName.get(type);
    ClassName generated = ClassName.get(typeName.packageName(), String.join("_", typeName.simpleNames()) + "Ipc");

    Codecs codecs = new Codecs();
    List<Method> methods = new ArrayList<>();
    if (isInterface) {
      for (ExecutableElement method : channelMethods(type)) {
        methods.add(method(type, method, kind, prefix.value(), codecs));
      }
    }
    return new Models.Interface(kind, isInterface, accessible(type), channel != null && events != null,
        !type.getTypeParameters().isEmpty(), typeName, generated, prefix, deadline, List.copyOf(methods),
        codecs.records(), codecs.enums(), injectAnnotation(), javaxGeneratedReadable(type), site);
  }

  private Method method(TypeElement owner, ExecutableElement method, Kind kind, String prefix, Codecs codecs) {
    ExecutableType executable = (ExecutableType) types.asMemberOf((DeclaredType) owner.asType(), method);
    String name = method.getSimpleName().toString();
    List<Attribute> styles = new ArrayList<>();
    for (String style : List.of(INVOKE, SEND, SEND_SYNC)) {
      AnnotationMirror mirror = annotation(method, style);
      if (mirror != null) {
        styles.add(new Attribute(style.substring(ANNOTATIONS.length() + 1), true, new Site(method, mirror, null)));
      }
    }
    Style style = kind == Kind.EVENTS ? Style.EVENT
        : annotation(method, SEND_SYNC) != null ? Style.SEND_SYNC
        : annotation(method, SEND) != null ? Style.SEND
        : Style.INVOKE;
    AnnotationMirror channelMirror = annotation(method, CHANNEL);
    Attribute channelAttribute = channelMirror == null ? null : stringAttribute(method, channelMirror, "");
    String channel = channelAttribute != null ? channelAttribute.value() : prefix + ":" + name;

    List<Param> params = new ArrayList<>();
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      VariableElement p = parameters.get(i);
      params.add(new Param(p.getSimpleName().toString(),
          read(executable.getParameterTypes().get(i), Position.TOP, codecs), Site.of(p)));
    }

    TypeMirror returns = executable.getReturnType();
    ClassName future = null;
    ValueType returnType;
    if (returns.getKind() == TypeKind.VOID) {
      returnType = new ValueType.VoidType(TypeName.VOID);
    } else if (isFuture(returns)) {
      DeclaredType declared = (DeclaredType) returns;
      future = ClassName.get((TypeElement) declared.asElement());
      if (declared.getTypeArguments().isEmpty()) {
        returnType = new ValueType.Unsupported(returns.toString(), "a raw " + future.simpleName()
            + "; give its result type, for example " + future.simpleName() + "<String>");
      } else {
        TypeMirror result = declared.getTypeArguments().get(0);
        returnType = isNamed(result, "java.lang.Void")
            ? new ValueType.VoidType(ClassName.get(Void.class))
            : read(result, Position.TOP, codecs);
      }
    } else {
      returnType = read(returns, Position.TOP, codecs);
    }

    List<Thrown> thrown = new ArrayList<>();
    for (TypeMirror t : executable.getThrownTypes()) {
      checkPresent(t);
      if (t.getKind() == TypeKind.DECLARED) {
        thrown.add(thrown((TypeElement) ((DeclaredType) t).asElement(), t));
      }
    }
    return new Method(name, upperSnake(name), channel, channelAttribute, List.copyOf(styles), style,
        !method.getTypeParameters().isEmpty(), method.isVarArgs(), List.copyOf(params), returnType, future,
        List.copyOf(thrown), deadline(method), Site.of(method));
  }

  private Thrown thrown(TypeElement exception, TypeMirror type) {
    boolean checked = !isSubtype(type, "java.lang.RuntimeException") && !isSubtype(type, "java.lang.Error");
    boolean rebuildable = exception.getKind() == ElementKind.CLASS
        && !exception.getModifiers().contains(Modifier.ABSTRACT)
        && !exception.getModifiers().contains(Modifier.PRIVATE)
        && ElementFilter.constructorsIn(exception.getEnclosedElements()).stream().anyMatch(c ->
            c.getModifiers().contains(Modifier.PUBLIC)
                && c.getParameters().size() == 1
                && isNamed(c.getParameters().get(0).asType(), "java.lang.String"));
    return new Thrown(ClassName.get(exception), elements.getBinaryName(exception).toString(), checked, rebuildable);
  }

  /** The abstract methods that are channels: the type's own in declaration order, then inherited ones. */
  private List<ExecutableElement> channelMethods(TypeElement type) {
    Set<ExecutableElement> members = new HashSet<>();
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (m.getModifiers().contains(Modifier.ABSTRACT) && !isObjectMethod(m)) {
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
      checkPresent(parent);
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

  private static boolean isObjectMethod(ExecutableElement m) {
    String name = m.getSimpleName().toString();
    int arity = m.getParameters().size();
    return (arity == 0 && (name.equals("toString") || name.equals("hashCode")))
        || (arity == 1 && name.equals("equals")
            && m.getParameters().get(0).asType().toString().equals("java.lang.Object"));
  }

  private ValueType read(TypeMirror type, Position position, Codecs codecs) {
    checkPresent(type);
    String display = type.toString();
    switch (type.getKind()) {
      case BOOLEAN: case BYTE: case SHORT: case CHAR: case INT: case LONG: case FLOAT: case DOUBLE:
        return new ValueType.Primitive(type.getKind().name().toLowerCase(java.util.Locale.ROOT), false,
            TypeName.get(type));
      case ARRAY: {
        TypeMirror component = ((ArrayType) type).getComponentType();
        if (component.getKind().isPrimitive()) {
          return new ValueType.Plain(TypeName.get(type));
        }
        ValueType element = read(component, Position.NESTED, codecs);
        if (element instanceof ValueType.Unsupported u) {
          return nested(display, u);
        }
        if (!(element instanceof ValueType.Plain || element instanceof ValueType.Primitive
            || element instanceof ValueType.ArrayOf)) {
          return new ValueType.Unsupported(display, "an array of a generic type cannot be created without "
              + "unchecked casts; use a List instead");
        }
        return new ValueType.ArrayOf(element);
      }
      case TYPEVAR:
        return new ValueType.Unsupported(display, "a type variable says nothing about what crosses the wire; "
            + "use a concrete type");
      case WILDCARD:
        return new ValueType.Unsupported(display, "a wildcard says nothing exact about what crosses the wire; "
            + "use the exact type, for example List<Note> instead of List<? extends Note>");
      case DECLARED:
        return declared((DeclaredType) type, position, codecs);
      default:
        return new ValueType.Unsupported(display, SUPPORTED);
    }
  }

  private ValueType declared(DeclaredType type, Position position, Codecs codecs) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    String display = type.toString();
    if (BOXES.containsKey(name)) {
      return new ValueType.Primitive(BOXES.get(name), true, TypeName.get(type));
    }
    if (PLAIN.contains(name)) {
      return new ValueType.Plain(TypeName.get(type));
    }
    switch (name) {
      case "java.lang.Object":
        return new ValueType.Unsupported(display, "Object says nothing about what crosses the wire; "
            + "declare the concrete type");
      case "java.util.List": case "java.util.Set": case "java.util.Map": case "java.util.Optional": {
        String simple = element.getSimpleName().toString();
        if (type.getTypeArguments().isEmpty()) {
          return new ValueType.Unsupported(display, "a raw " + simple + " says nothing about its elements; give "
              + "its type arguments, for example " + simple + (simple.equals("Map") ? "<String, Long>" : "<String>"));
        }
        if (name.equals("java.util.Optional") && position == Position.NESTED) {
          return new ValueType.Unsupported(display, "Optional is supported only as a parameter, a result or a "
              + "record component, where it crosses as the value or null; inside a collection or array, leave it "
              + "out and use null");
        }
        List<ValueType> args = new ArrayList<>();
        for (TypeMirror arg : type.getTypeArguments()) {
          ValueType t = read(arg, Position.NESTED, codecs);
          if (t instanceof ValueType.Unsupported u) {
            return nested(display, u);
          }
          args.add(t);
        }
        switch (simple) {
          case "List": return new ValueType.ListOf(args.get(0));
          case "Set": return new ValueType.SetOf(args.get(0));
          case "Map": return new ValueType.MapOf(args.get(0), args.get(1));
          default: return new ValueType.OptionalOf(args.get(0));
        }
      }
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      return codecs.enumType(element);
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (!element.getTypeParameters().isEmpty()) {
        return new ValueType.Unsupported(display, "a generic record's codec cannot know its type arguments; "
            + "declare a record without type parameters");
      }
      return codecs.record(element, this);
    }
    if (name.startsWith("io.ipc4j.") && !name.startsWith("io.ipc4j.annotations.")) {
      return new ValueType.Unsupported(display, "an ipc4j object only means something in its own process; "
          + "the main side sees the sender through the generated Handler's event instead");
    }
    if (isFuture(type) || isSubtype(type, "java.util.concurrent.Future")) {
      return new ValueType.Unsupported(display, "a future can only be the result of an invoke method; pass "
          + "the value itself");
    }
    if (isSubtype(type, "java.lang.Thread")) {
      return new ValueType.Unsupported(display, "a thread belongs to one process; send the data it works on");
    }
    if (isSubtype(type, "java.util.stream.BaseStream")) {
      return new ValueType.Unsupported(display, "a stream can be consumed once, in one process; collect it "
          + "into a List");
    }
    if (isSubtype(type, "java.util.Collection") || isSubtype(type, "java.util.Map")
        || isSubtype(type, "java.lang.Iterable")) {
      return new ValueType.Unsupported(display, "collections cross as List, Set or Map only; declare "
          + "List<T>, Set<T> or Map<K, V>");
    }
    if (isFunctional(element)) {
      return new ValueType.Unsupported(display, "a function cannot cross a process boundary; send data and let "
          + "the other side decide what to run");
    }
    return new ValueType.Unsupported(display, "it has no codec: " + SUPPORTED);
  }

  private static ValueType.Unsupported nested(String display, ValueType.Unsupported inner) {
    return new ValueType.Unsupported(display, "it contains " + inner.display() + ": " + inner.reason());
  }

  private boolean isFunctional(TypeElement element) {
    if (element.getKind() != ElementKind.INTERFACE) {
      return false;
    }
    if (annotation(element, "java.lang.FunctionalInterface") != null) {
      return true;
    }
    long abstracts = ElementFilter.methodsIn(elements.getAllMembers(element)).stream()
        .filter(m -> m.getModifiers().contains(Modifier.ABSTRACT) && !isObjectMethod(m))
        .count();
    return abstracts == 1;
  }

  private boolean isFuture(TypeMirror type) {
    return isNamed(type, "java.util.concurrent.CompletableFuture")
        || isNamed(type, "java.util.concurrent.CompletionStage");
  }

  private static boolean isNamed(TypeMirror type, String name) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(name);
  }

  private boolean isSubtype(TypeMirror type, String name) {
    TypeElement other = elements.getTypeElement(name);
    return other != null && types.isSubtype(types.erasure(type), types.erasure(other.asType()));
  }

  /** Throws {@link MissingTypeException} if {@code type} or any type argument in it is not yet available. */
  private static void checkPresent(TypeMirror type) {
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

  private Deadline deadline(Element element) {
    AnnotationMirror mirror = annotation(element, TIMEOUT);
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

  private static AnnotationMirror annotation(Element element, String name) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
        return mirror;
      }
    }
    return null;
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

  private ClassName injectAnnotation() {
    for (String name : List.of("jakarta.inject.Inject", "javax.inject.Inject")) {
      if (elements.getTypeElement(name) != null) {
        return ClassName.bestGuess(name);
      }
    }
    return null;
  }

  /** Whether the user's code can read {@code javax.annotation.processing.Generated} (module java.compiler). */
  private boolean javaxGeneratedReadable(TypeElement type) {
    if (elements.getTypeElement("javax.annotation.processing.Generated") == null) {
      return false;
    }
    ModuleElement module = elements.getModuleOf(type);
    if (module == null || module.isUnnamed() || module.getQualifiedName().contentEquals("java.compiler")) {
      return true;
    }
    for (ModuleElement.RequiresDirective requires
        : ElementFilter.requiresIn(module.getDirectives())) {
      if (requires.getDependency().getQualifiedName().contentEquals("java.compiler")) {
        return true;
      }
    }
    return false;
  }

  static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  /** {@code getAll} → {@code GET_ALL}, {@code loadHTTPPage} → {@code LOAD_HTTP_PAGE}. */
  static String upperSnake(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i > 0 && Character.isUpperCase(c)) {
        char prev = name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextLower)) {
          out.append('_');
        }
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }

  /** The records and enums one interface's signatures reach, each read once. */
  private final class Codecs {
    private final Map<String, ValueType> seen = new HashMap<>();
    private final Map<String, Models.RecordCodec> records = new TreeMap<>();
    private final Map<String, Models.EnumCodec> enums = new TreeMap<>();

    ValueType enumType(TypeElement element) {
      String binary = elements.getBinaryName(element).toString();
      if (!enums.containsKey(binary)) {
        List<String> constants = new ArrayList<>();
        for (Element e : element.getEnclosedElements()) {
          if (e.getKind() == ElementKind.ENUM_CONSTANT) {
            constants.add(e.getSimpleName().toString());
          }
        }
        enums.put(binary, new Models.EnumCodec(ClassName.get(element), binary, "", List.copyOf(constants)));
      }
      return new ValueType.Plain(ClassName.get(element));
    }

    ValueType record(TypeElement element, ModelReader reader) {
      String binary = elements.getBinaryName(element).toString();
      ValueType known = seen.get(binary);
      if (known != null) {
        return known;
      }
      ValueType plain = new ValueType.Plain(ClassName.get(element));
      seen.put(binary, plain);   // a record that contains itself refers to its own codec
      List<Param> components = new ArrayList<>();
      for (RecordComponentElement c : element.getRecordComponents()) {
        ValueType t = reader.read(c.asType(), Position.COMPONENT, this);
        if (t instanceof ValueType.Unsupported u) {
          ValueType.Unsupported result = new ValueType.Unsupported(element.getQualifiedName().toString(),
              "its component '" + c.getSimpleName() + "' has type " + u.display() + ": " + u.reason());
          seen.put(binary, result);
          return result;
        }
        components.add(new Param(c.getSimpleName().toString(), t, Site.of(c)));
      }
      records.put(binary, new Models.RecordCodec(ClassName.get(element), binary, "", List.copyOf(components)));
      return plain;
    }

    List<Models.RecordCodec> records() {
      Set<String> taken = new LinkedHashSet<>();
      List<Models.RecordCodec> out = new ArrayList<>();
      for (Models.RecordCodec r : records.values()) {
        out.add(new Models.RecordCodec(r.type(), r.binaryName(), codecName(r.type(), taken), r.components()));
      }
      for (Models.EnumCodec e : enums.values()) {
        codecName(e.type(), taken);
      }
      return List.copyOf(out);
    }

    List<Models.EnumCodec> enums() {
      Set<String> taken = new LinkedHashSet<>();
      for (Models.RecordCodec r : records.values()) {
        codecName(r.type(), taken);
      }
      List<Models.EnumCodec> out = new ArrayList<>();
      for (Models.EnumCodec e : enums.values()) {
        out.add(new Models.EnumCodec(e.type(), e.binaryName(), codecName(e.type(), taken), e.constants()));
      }
      return List.copyOf(out);
    }

    private String codecName(ClassName type, Set<String> taken) {
      String base = String.join("_", type.simpleNames()) + "Codec";
      String name = base;
      for (int i = 2; !taken.add(name); i++) {
        name = base + i;
      }
      return name;
    }
  }
}
