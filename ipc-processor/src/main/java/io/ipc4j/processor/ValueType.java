package io.ipc4j.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a parameter, return value or record component is, as far as crossing the wire is concerned. Immutable;
 * holds no {@code Element}, so the generator works from it alone.
 */
sealed interface ValueType {
  /** The declared Java type: a component of the leaf types, built from the elements' types for containers. */
  default TypeName typeName() {
    if (this instanceof ListOf l) {
      return ParameterizedTypeName.get(ClassName.get(List.class), l.element().typeName());
    }
    if (this instanceof SetOf s) {
      return ParameterizedTypeName.get(ClassName.get(Set.class), s.element().typeName());
    }
    if (this instanceof MapOf m) {
      return ParameterizedTypeName.get(ClassName.get(Map.class), m.key().typeName(), m.value().typeName());
    }
    if (this instanceof OptionalOf o) {
      return ParameterizedTypeName.get(ClassName.get(Optional.class), o.element().typeName());
    }
    if (this instanceof ArrayOf a) {
      return ArrayTypeName.of(a.element().typeName());
    }
    return ClassName.OBJECT;   // Unsupported: never generated
  }

  /** {@code void}, or {@code Void} as a future's result. */
  record VoidType(TypeName typeName) implements ValueType {}

  /**
   * A primitive or its box.
   *
   * @param primitive the primitive's name: {@code int}, {@code long}...
   * @param boxed whether the declared type is the box (and so may be null)
   */
  record Primitive(String primitive, boolean boxed, TypeName typeName) implements ValueType {}

  /** A type that crosses as itself: String, Instant, Duration, UUID, BigInteger, BigDecimal, a primitive array. */
  record Plain(TypeName typeName) implements ValueType {}

  /**
   * A record or enum: crosses as itself where the other side has its generated codec, else as a map of its
   * components or its constant's name, and converts from either.
   */
  record Coded(ClassName typeName) implements ValueType {}

  /** {@code List<T>}. */
  record ListOf(ValueType element) implements ValueType {}

  /** {@code Set<T>}. */
  record SetOf(ValueType element) implements ValueType {}

  /** {@code Map<K, V>}. */
  record MapOf(ValueType key, ValueType value) implements ValueType {}

  /** {@code Optional<T>}: crosses as the value or null. */
  record OptionalOf(ValueType element) implements ValueType {}

  /** {@code T[]} of a non-primitive {@code T}: crosses as a list. */
  record ArrayOf(ValueType element) implements ValueType {}

  /**
   * A type with no codec.
   *
   * @param display the type as the user wrote it
   * @param reason why it cannot cross, and what to use instead
   */
  record Unsupported(String display, String reason) implements ValueType {}

  /** Whether {@code Untyped.of} changes the value: an Optional or object array in it, outside a record. */
  static boolean needsUntypedForm(ValueType t) {
    if (t instanceof OptionalOf || t instanceof ArrayOf) {
      return true;
    }
    if (t instanceof ListOf l) {
      return needsUntypedForm(l.element());
    }
    if (t instanceof SetOf s) {
      return needsUntypedForm(s.element());
    }
    if (t instanceof MapOf m) {
      return needsUntypedForm(m.key()) || needsUntypedForm(m.value());
    }
    return false;
  }
}
