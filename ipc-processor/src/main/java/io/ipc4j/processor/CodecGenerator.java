package io.ipc4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.ipc4j.processor.Models.Interface;
import io.ipc4j.processor.Models.Param;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The codecs of the records and enums in an interface's signatures: one nested class each, one constant each, and
 * the public {@code CODECS} list that the entry points give to the owner ({@code Codecs.addTo(owner, CODECS)}) and
 * that users give to {@code IpcHost.builder().codecs(...)}.
 */
final class CodecGenerator {
  private static final ClassName CODECS = ClassName.get("io.ipc4j.spi", "Codecs");
  private static final ClassName TYPE_CODEC = ClassName.get("io.ipc4j.spi", "TypeCodec");
  private static final ClassName RECORD_CODEC = ClassName.get("io.ipc4j.spi", "RecordCodec");
  private static final ClassName ENUM_CODEC = ClassName.get("io.ipc4j.spi", "EnumCodec");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final TypeName STRINGS = ParameterizedTypeName.get(LIST, ClassName.get(String.class));

  private final Interface model;
  private final Names names;
  private final Set<ClassName> records = new HashSet<>();

  CodecGenerator(Interface model, Names names) {
    this.model = model;
    this.names = names;
    for (Models.RecordCodec r : model.records()) {
      records.add(r.type());
    }
  }

  boolean isRecord(ClassName type) {
    return records.contains(type);
  }

  /** {@code Codecs.addTo(owner, CODECS);} for an entry point, or nothing when there are no codecs. */
  CodeBlock addTo(String owner) {
    if (model.records().isEmpty() && model.enums().isEmpty()) {
      return CodeBlock.of("");
    }
    return CodeBlock.of("$T.addTo($N, $N);\n", CODECS, owner, names.codecs());
  }

  /** One constant per codec, then {@code CODECS}: records first, then enums, each sorted by binary name. */
  List<FieldSpec> fields() {
    List<FieldSpec> fields = new ArrayList<>();
    List<CodeBlock> all = new ArrayList<>();
    List<ClassName> types = new ArrayList<>();
    model.records().forEach(r -> types.add(r.type()));
    model.enums().forEach(e -> types.add(e.type()));
    for (ClassName type : types) {
      ClassName codec = model.generated().nestedClass(names.codecClass(type));
      String constant = names.codecConstant(type);
      fields.add(FieldSpec.builder(codec, constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("new $T()", codec)
          .build());
      all.add(CodeBlock.of("$N", constant));
    }
    fields.add(FieldSpec.builder(ParameterizedTypeName.get(LIST,
                ParameterizedTypeName.get(TYPE_CODEC, WildcardTypeName.subtypeOf(Object.class))),
            names.codecs(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The codecs of the records and enums in the signatures of {@link $T}. Give them to\n"
            + "{@code IpcHost.builder().codecs(...)} so that untyped handlers receive these types as themselves.\n",
            model.type())
        .initializer("$T.of($L)", LIST, CodeBlock.join(all, ", "))
        .build());
    return fields;
  }

  /** The nested codec classes, in the order of {@link #fields()}. */
  List<TypeSpec> types(ConverterGenerator converters) {
    List<TypeSpec> types = new ArrayList<>();
    for (Models.RecordCodec r : model.records()) {
      types.add(recordCodec(r, converters));
    }
    for (Models.EnumCodec e : model.enums()) {
      types.add(enumCodec(e));
    }
    return types;
  }

  private TypeSpec recordCodec(Models.RecordCodec r, ConverterGenerator converters) {
    CodeBlock componentNames = CodeBlock.join(r.components().stream().map(c -> CodeBlock.of("$S", c.name()))
        .collect(Collectors.toList()), ", ");
    List<CodeBlock> values = new ArrayList<>();
    List<CodeBlock> created = new ArrayList<>();
    for (int i = 0; i < r.components().size(); i++) {
      Param c = r.components().get(i);
      values.add(ConverterGenerator.untyped(c.type(), CodeBlock.of("value.$N()", c.name())));
      created.add(converters.convert(c.type(), ConverterGenerator.arg("components", i),
          "component '" + c.name() + "' of " + r.binaryName()));
    }
    CodeBlock create = created.isEmpty() ? CodeBlock.of("new $T()", r.type())
        : CodeBlock.of("new $T(\n$L)", r.type(), CodeBlock.join(created, ",\n"));
    return codecClass(r.type(), r.binaryName(), RECORD_CODEC)
        .addField(FieldSpec.builder(STRINGS, "NAMES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$T.of($L)", LIST, componentNames)
            .build())
        .addMethod(override("componentNames", STRINGS).addStatement("return NAMES").build())
        .addMethod(override("components", TypeName.get(Object[].class))
            .addParameter(r.type(), "value")
            .addStatement("return new $T[] {$L}", Object.class, CodeBlock.join(values, ", "))
            .build())
        .addMethod(override("create", r.type())
            .addParameter(Object[].class, "components")
            .addStatement("return $L", create)
            .build())
        .build();
  }

  private TypeSpec enumCodec(Models.EnumCodec e) {
    CodeBlock.Builder cases = CodeBlock.builder().add("return switch (name) {\n$>");
    for (String constant : e.constants()) {
      cases.add("case $S -> $T.$N;\n", constant, e.type(), constant);
    }
    cases.add("default -> throw new $T($S + name);\n$<};\n", IllegalArgumentException.class,
        "no constant of " + e.binaryName() + " is named ");
    return codecClass(e.type(), e.binaryName(), ENUM_CODEC)
        .addMethod(override("valueOf", e.type()).addParameter(String.class, "name").addCode(cases.build()).build())
        .build();
  }

  /** A codec class with what every codec has: {@code type()} and {@code typeName()}. */
  private TypeSpec.Builder codecClass(ClassName type, String binaryName, ClassName kind) {
    return TypeSpec.classBuilder(names.codecClass(type))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(kind, type))
        .addMethod(override("type", ParameterizedTypeName.get(ClassName.get(Class.class), type))
            .addStatement("return $T.class", type)
            .build())
        .addMethod(override("typeName", ClassName.get(String.class)).addStatement("return $S", binaryName).build());
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
  }
}
