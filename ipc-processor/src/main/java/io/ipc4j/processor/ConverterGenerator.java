package io.ipc4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import io.ipc4j.processor.Models.Interface;
import io.ipc4j.processor.Models.Method;
import io.ipc4j.processor.Models.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The converter constants of a generated class, one per distinct declared type that needs one, made once when the
 * class loads: {@code private static final Converter<List<Note>> LIST_OF_NOTE = Converters.listOf(NOTE);}. They are
 * declared in the order of first use (methods in declaration order, parameters before results, then record
 * components), each after the converters it is built from. Primitives need none: {@code Converters.toLong(...)}.
 */
final class ConverterGenerator {
  static final ClassName CONVERTERS = ClassName.get("io.ipc4j.spi", "Converters");
  private static final ClassName CONVERTER = ClassName.get("io.ipc4j.spi", "Converter");
  private static final ClassName UNTYPED = ClassName.get("io.ipc4j.spi", "Untyped");

  private final Names names;
  private final CodecGenerator codecs;
  private final Map<ValueType, String> constants = new LinkedHashMap<>();
  private final List<FieldSpec> fields = new ArrayList<>();

  ConverterGenerator(Interface model, Names names, CodecGenerator codecs) {
    this.names = names;
    this.codecs = codecs;
    for (Method m : model.methods()) {
      for (Param p : m.params()) {
        plan(p.type());
      }
      plan(m.returnType());
    }
    for (Models.RecordCodec r : model.records()) {
      for (Param c : r.components()) {
        plan(c.type());
      }
    }
  }

  /** The converter constants, each after those it uses. */
  List<FieldSpec> fields() {
    return List.copyOf(fields);
  }

  /** An expression converting the decoded {@code expr} to {@code type}; {@code what} names it in errors. */
  CodeBlock convert(ValueType type, CodeBlock expr, String what) {
    if (type instanceof ValueType.Primitive p && !p.boxed()) {
      String method = "to" + Character.toUpperCase(p.primitive().charAt(0)) + p.primitive().substring(1);
      return CodeBlock.of("$T.$N($L, $S)", CONVERTERS, method, expr, what);
    }
    return CodeBlock.of("$L.convert($L, $S)", reference(type), expr, what);
  }

  /** {@code Converters.arg(array, index)}: the argument at {@code index}, or null where the sender sent fewer. */
  static CodeBlock arg(String array, int index) {
    return CodeBlock.of("$T.arg($N, $L)", CONVERTERS, array, index);
  }

  /** {@code expr} in its untyped form, where that differs from the value (an Optional or object array in it). */
  static CodeBlock untyped(ValueType type, CodeBlock expr) {
    return ValueType.needsUntypedForm(type) ? CodeBlock.of("$T.of($L)", UNTYPED, expr) : expr;
  }

  /** The converter of {@code type}: a constant, or {@code Converters.LONG} and the like for a box. */
  CodeBlock reference(ValueType type) {
    if (type instanceof ValueType.Primitive p) {
      return CodeBlock.of("$T.$N", CONVERTERS, p.primitive().toUpperCase(Locale.ROOT));
    }
    return CodeBlock.of("$N", constants.get(type));
  }

  private void plan(ValueType type) {
    if (type instanceof ValueType.VoidType || type instanceof ValueType.Primitive || constants.containsKey(type)) {
      return;
    }
    CodeBlock init;
    if (type instanceof ValueType.Plain p) {
      init = CodeBlock.of("$T.type($T.class)", CONVERTERS, p.typeName());
    } else if (type instanceof ValueType.Coded c) {
      init = CodeBlock.of("$T.$N($N)", CONVERTERS, codecs.isRecord(c.typeName()) ? "record" : "enumOf",
          names.codecConstant(c.typeName()));
    } else if (type instanceof ValueType.ListOf l) {
      init = CodeBlock.of("$T.listOf($L)", CONVERTERS, planned(l.element()));
    } else if (type instanceof ValueType.SetOf s) {
      init = CodeBlock.of("$T.setOf($L)", CONVERTERS, planned(s.element()));
    } else if (type instanceof ValueType.OptionalOf o) {
      init = CodeBlock.of("$T.optionalOf($L)", CONVERTERS, planned(o.element()));
    } else if (type instanceof ValueType.MapOf m) {
      CodeBlock key = planned(m.key());
      init = CodeBlock.of("$T.mapOf($L, $L)", CONVERTERS, key, planned(m.value()));
    } else if (type instanceof ValueType.ArrayOf a) {
      init = CodeBlock.of("$T.arrayOf($L, $T[]::new)", CONVERTERS, planned(a.element()), a.element().typeName());
    } else {
      throw new IllegalArgumentException("no converter for " + type);
    }
    String name = names.converter(type);
    constants.put(type, name);
    fields.add(FieldSpec.builder(ParameterizedTypeName.get(CONVERTER, type.typeName()), name,
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(init)
        .build());
  }

  /** Plans {@code element}'s converter first, so that it is declared before the one that uses it. */
  private CodeBlock planned(ValueType element) {
    plan(element);
    return reference(element);
  }
}
