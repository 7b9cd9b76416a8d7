package io.ipc4j.processor;

import com.palantir.javapoet.TypeName;
import io.ipc4j.processor.Message.Detail;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Says what a declared type is for the wire: a {@link ValueType}. A type that cannot cross becomes
 * {@link ValueType.Unsupported} with the reason; records and enums are handed to the {@link CodecCollector}.
 */
final class TypeClassifier {
  /** Where a type is used: Optional is allowed at the top and in record components, not inside containers. */
  enum Position { TOP, COMPONENT, NESTED }

  /** Types that cross as themselves. */
  private static final Set<String> PLAIN = Set.of(
      "java.lang.String", "java.time.Instant", "java.time.Duration", "java.util.UUID",
      "java.math.BigInteger", "java.math.BigDecimal");

  private static final Map<String, String> BOXES = Map.of(
      "java.lang.Boolean", "boolean", "java.lang.Byte", "byte", "java.lang.Short", "short",
      "java.lang.Character", "char", "java.lang.Integer", "int", "java.lang.Long", "long",
      "java.lang.Float", "float", "java.lang.Double", "double");

  private final Mirrors mirrors;
  private final CodecCollector codecs;

  TypeClassifier(Mirrors mirrors) {
    this.mirrors = mirrors;
    this.codecs = new CodecCollector(mirrors, this);
  }

  /** The records and enums the classified types reached. */
  CodecCollector codecs() {
    return codecs;
  }

  /**
   * Classifies {@code type}.
   *
   * @throws Mirrors.MissingTypeException if the type is not (yet) available
   */
  ValueType classify(TypeMirror type, Position position) {
    Mirrors.checkPresent(type);
    String display = type.toString();
    switch (type.getKind()) {
      case BOOLEAN: case BYTE: case SHORT: case CHAR: case INT: case LONG: case FLOAT: case DOUBLE:
        return new ValueType.Primitive(type.getKind().name().toLowerCase(Locale.ROOT), false, TypeName.get(type));
      case ARRAY: {
        TypeMirror component = ((ArrayType) type).getComponentType();
        if (component.getKind().isPrimitive()) {
          return new ValueType.Plain(TypeName.get(type));
        }
        ValueType element = classify(component, Position.NESTED);
        if (element instanceof ValueType.Unsupported u) {
          return nested(display, u);
        }
        if (!(element instanceof ValueType.Plain || element instanceof ValueType.Coded
            || element instanceof ValueType.Primitive || element instanceof ValueType.ArrayOf)) {
          return new ValueType.Unsupported(display, Detail.GENERIC_ARRAY.format());
        }
        return new ValueType.ArrayOf(element);
      }
      case TYPEVAR:
        return new ValueType.Unsupported(display, Detail.TYPE_VARIABLE.format());
      case WILDCARD:
        return new ValueType.Unsupported(display, Detail.WILDCARD.format());
      case DECLARED:
        return declared((DeclaredType) type, position);
      default:
        return new ValueType.Unsupported(display, Detail.NO_CODEC.format());   // no declarable type gets here
    }
  }

  private ValueType declared(DeclaredType type, Position position) {
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
        return new ValueType.Unsupported(display, Detail.OBJECT.format());
      case "java.util.List": case "java.util.Set": case "java.util.Map": case "java.util.Optional":
        return container(type, element.getSimpleName().toString(), position);
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      return codecs.enumType(element);
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (!element.getTypeParameters().isEmpty()) {
        return new ValueType.Unsupported(display, Detail.GENERIC_RECORD.format());
      }
      return codecs.recordType(element);
    }
    return new ValueType.Unsupported(display, whyNot(type, element, name).format());
  }

  private ValueType container(DeclaredType type, String simple, Position position) {
    String display = type.toString();
    if (type.getTypeArguments().isEmpty()) {
      return new ValueType.Unsupported(display,
          Detail.RAW_CONTAINER.format(simple, simple.equals("Map") ? "<String, Long>" : "<String>"));
    }
    if (simple.equals("Optional") && position == Position.NESTED) {
      return new ValueType.Unsupported(display, Detail.NESTED_OPTIONAL.format());
    }
    List<ValueType> args = new ArrayList<>();
    for (TypeMirror arg : type.getTypeArguments()) {
      ValueType t = classify(arg, Position.NESTED);
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

  /** Why a declared type that is neither a value, a container, a record nor an enum cannot cross. */
  private Detail whyNot(DeclaredType type, TypeElement element, String name) {
    if (name.startsWith("io.ipc4j.") && !name.startsWith(Mirrors.ANNOTATIONS + ".")) {
      return Detail.IPC4J_OBJECT;
    }
    if (mirrors.isSubtype(type, "java.util.concurrent.Flow.Publisher")) {
      return Detail.PUBLISHER;
    }
    if (Mirrors.isFuture(type) || mirrors.isSubtype(type, "java.util.concurrent.Future")) {
      return Detail.FUTURE;
    }
    if (mirrors.isSubtype(type, "java.lang.Thread")) {
      return Detail.THREAD;
    }
    if (mirrors.isSubtype(type, "java.util.stream.BaseStream")) {
      return Detail.STREAM;
    }
    if (mirrors.isSubtype(type, "java.util.Collection") || mirrors.isSubtype(type, "java.util.Map")
        || mirrors.isSubtype(type, "java.lang.Iterable")) {
      return Detail.OTHER_COLLECTION;
    }
    if (isFunctional(element)) {
      return Detail.FUNCTION;
    }
    return Detail.NO_CODEC;
  }

  static ValueType.Unsupported nested(String display, ValueType.Unsupported inner) {
    return new ValueType.Unsupported(display, Detail.CONTAINS.format(inner.display(), inner.reason()));
  }

  private boolean isFunctional(TypeElement element) {
    if (element.getKind() != ElementKind.INTERFACE) {
      return false;
    }
    if (Mirrors.annotation(element, "java.lang.FunctionalInterface") != null) {
      return true;
    }
    long abstracts = ElementFilter.methodsIn(mirrors.elements().getAllMembers(element)).stream()
        .filter(m -> m.getModifiers().contains(Modifier.ABSTRACT) && !Mirrors.isObjectMethod(m))
        .count();
    return abstracts == 1;
  }
}
