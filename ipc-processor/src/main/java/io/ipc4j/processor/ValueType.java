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
  /** The declared Java type. */
  TypeName typeName();

  /** {@code void}, or {@code Void} as a future's result. */
  record VoidType(TypeName typeName) implements ValueType {}

  /**
   * A primitive or its box.
   *
   * @param primitive the primitive's name: {@code int}, {@code long}...
   * @param boxed whether the declared type is the box (and so may be null)
   */
  record Primitive(String primitive, boolean boxed, TypeName typeName) implements ValueType {}

  /**
   * A type that crosses as itself: String, Instant, Duration, UUID, BigInteger, BigDecimal, a primitive array, or a
   * record or enum with a generated codec.
   */
  record Plain(TypeName typeName) implements ValueType {}

  /** {@code List<T>}. */
  record ListOf(ValueType element) implements ValueType {
    @Override
    public TypeName typeName() {
      return ParameterizedTypeName.get(ClassName.get(List.class), element.typeName());
    }
  }

  /** {@code Set<T>}. */
  record SetOf(ValueType element) implements ValueType {
    @Override
    public TypeName typeName() {
      return ParameterizedTypeName.get(ClassName.get(Set.class), element.typeName());
    }
  }

  /** {@code Map<K, V>}. */
  record MapOf(ValueType key, ValueType value) implements ValueType {
    @Override
    public TypeName typeName() {
      return ParameterizedTypeName.get(ClassName.get(Map.class), key.typeName(), value.typeName());
    }
  }

  /** {@code Optional<T>}: crosses as the value or null. */
  record OptionalOf(ValueType element) implements ValueType {
    @Override
    public TypeName typeName() {
      return ParameterizedTypeName.get(ClassName.get(Optional.class), element.typeName());
    }
  }

  /** {@code T[]} of a non-primitive {@code T}: crosses as a list. */
  record ArrayOf(ValueType element) implements ValueType {
    @Override
    public TypeName typeName() {
      return ArrayTypeName.of(element.typeName());
    }
  }

  /**
   * A type with no codec.
   *
   * @param display the type as the user wrote it
   * @param reason why it cannot cross, and what to use instead
   */
  record Unsupported(String display, String reason) implements ValueType {
    @Override
    public TypeName typeName() {
      return ClassName.OBJECT;
    }
  }

  /** Whether the wire form differs from the value (an Optional or object array somewhere outside a record). */
  static boolean needsWireForm(ValueType t) {
    if (t instanceof OptionalOf || t instanceof ArrayOf) {
      return true;
    }
    if (t instanceof ListOf l) {
      return needsWireForm(l.element());
    }
    if (t instanceof SetOf s) {
      return needsWireForm(s.element());
    }
    if (t instanceof MapOf m) {
      return needsWireForm(m.key()) || needsWireForm(m.value());
    }
    return false;
  }
}
